using EmbeddedMongo.Aggregation.Expressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Query.Projection;

/// <summary>
/// Applies a projection to one level of a document, as MongoDB's projection nodes do: first the included or excluded
/// fields (in input order), then the computed fields (in specification order, replacing fields in place).
/// </summary>
internal sealed class ProjectionExecutorNode
{
    private readonly ProjectionMode mode;
    private readonly bool recurseNestedArrays;
    private readonly HashSet<string> projectedFields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProjectionExecutorNode> children = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledExpression> expressions = new(StringComparer.Ordinal);
    private readonly List<string> order = [];
    private bool containsComputedFields;

    public ProjectionExecutorNode(ProjectionMode mode, bool recurseNestedArrays)
    {
        this.mode = mode;
        this.recurseNestedArrays = recurseNestedArrays;
    }

    public void AddProjectionForPath(ReadOnlySpan<string> path)
    {
        if (path.Length == 1)
        {
            projectedFields.Add(path[0]);
        }
        else
        {
            GetOrAddChild(path[0]).AddProjectionForPath(path[1..]);
        }
    }

    public void AddExpressionForPath(ReadOnlySpan<string> path, CompiledExpression expression)
    {
        containsComputedFields = true;
        if (path.Length == 1)
        {
            expressions[path[0]] = expression;
            order.Add(path[0]);
        }
        else
        {
            GetOrAddChild(path[0]).AddExpressionForPath(path[1..], expression);
        }
    }

    /// <summary>Projects a whole document; <paramref name="input"/> is also the root the expressions see.</summary>
    public BsonDocument ApplyToDocument(BsonDocument input)
    {
        BsonDocument output = mode == ProjectionMode.Inclusion ? [] : new BsonDocument(input.Elements);
        ApplyProjections(input, output);
        if (containsComputedFields)
        {
            ApplyExpressions(input, output);
        }

        return output;
    }

    private ProjectionExecutorNode GetOrAddChild(string name)
    {
        if (!children.TryGetValue(name, out ProjectionExecutorNode? child))
        {
            child = new ProjectionExecutorNode(mode, recurseNestedArrays);
            children.Add(name, child);
            order.Add(name);
        }

        return child;
    }

    private void ApplyProjections(BsonDocument input, BsonDocument output)
    {
        if (mode == ProjectionMode.AddFields || (projectedFields.Count == 0 && children.Count == 0))
        {
            return;
        }

        foreach (BsonElement element in input)
        {
            if (projectedFields.Contains(element.Name))
            {
                if (mode == ProjectionMode.Inclusion)
                {
                    output.Add(element.Name, element.Value);
                }
                else
                {
                    output.Remove(element.Name);
                }
            }
            else if (children.TryGetValue(element.Name, out ProjectionExecutorNode? child))
            {
                BsonValue? projected = child.ApplyProjectionsToValue(element.Value);
                if (projected is not null)
                {
                    output.Set(element.Name, projected);
                }
            }
        }
    }

    private BsonValue? ApplyProjectionsToValue(BsonValue value)
    {
        switch (value)
        {
            case BsonDocument document:
                BsonDocument output = mode == ProjectionMode.Inclusion ? [] : new BsonDocument(document.Elements);
                ApplyProjections(document, output);
                return output;
            case BsonArray array:
                var result = new BsonArray(array.Count);
                foreach (BsonValue element in array)
                {
                    BsonValue? projected = element.IsBsonArray && !recurseNestedArrays ? TransformSkipped(element) : ApplyProjectionsToValue(element);
                    if (projected is not null)
                    {
                        result.Add(projected);
                    }
                }

                return result;
            default:
                return TransformSkipped(value);
        }
    }

    private void ApplyExpressions(BsonDocument root, BsonDocument output)
    {
        foreach (string name in order)
        {
            BsonValue? value;
            if (children.TryGetValue(name, out ProjectionExecutorNode? child))
            {
                if (!child.containsComputedFields)
                {
                    continue;
                }

                value = child.ApplyExpressionsToValue(root, output.TryGetValue(name, out BsonValue existing) ? existing : null);
            }
            else
            {
                value = expressions[name].Evaluate(root);
            }

            if (value is null)
            {
                output.Remove(name);
            }
            else
            {
                output.Set(name, value);
            }
        }
    }

    private BsonValue? ApplyExpressionsToValue(BsonDocument root, BsonValue? value)
    {
        switch (value)
        {
            case BsonDocument document:
                var output = new BsonDocument(document.Elements);
                ApplyExpressions(root, output);
                return output;
            case BsonArray array:
                var result = new BsonArray(array.Count);
                foreach (BsonValue element in array)
                {
                    BsonValue? computed = element.IsBsonArray && !recurseNestedArrays ? TransformSkipped(element) : ApplyExpressionsToValue(root, element);
                    if (computed is not null)
                    {
                        result.Add(computed);
                    }
                }

                return result;
            default:
                if (!containsComputedFields)
                {
                    return value is null ? null : TransformSkipped(value);
                }

                // {"a.b": <expr>} over {a: 1} (or no a at all) gives {a: {b: <value>}}.
                var created = new BsonDocument();
                ApplyExpressions(root, created);
                return created;
        }
    }

    private BsonValue? TransformSkipped(BsonValue value) => mode == ProjectionMode.Inclusion ? null : value;
}
