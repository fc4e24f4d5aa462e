using EmbeddedMongo.Aggregation;
using EmbeddedMongo.Aggregation.Expressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Query.Projection;

/// <summary>
/// Parses a projection specification the way MongoDB's projection parser does: decides inclusion or exclusion,
/// rejects mixtures and path collisions, and adds the implicit <c>_id</c> inclusion.
/// </summary>
internal sealed class ProjectionParser
{
    private readonly ProjectionPolicies policies;
    private readonly ProjectionPathNode root = new();
    private ProjectionMode? mode;
    private bool hasFindSlice;
    private bool hasElemMatch;
    private bool idIncludedEntirely;

    private ProjectionParser(ProjectionPolicies policies)
    {
        this.policies = policies;
        mode = policies.OnlyComputedFields ? ProjectionMode.AddFields : null;
    }

    public static ParsedProjection Parse(BsonDocument specification, ProjectionPolicies policies)
    {
        if (!policies.AllowEmpty && specification.ElementCount == 0)
        {
            throw AggregationErrors.Fail(51272, "projection specification must have at least one field");
        }

        var parser = new ProjectionParser(policies);
        bool idSpecified = false;
        foreach (BsonElement element in specification)
        {
            idSpecified |= element.Name == "_id" || element.Name.StartsWith("_id.", StringComparison.Ordinal);
            parser.ParseElement(element, parser.root);
        }

        ProjectionMode mode = parser.mode ?? parser.DefaultMode();
        if (!idSpecified && mode == ProjectionMode.Inclusion)
        {
            parser.root.AddAtPath(["_id"], ProjectionLeaf.Boolean(true));
        }

        if (mode == ProjectionMode.Exclusion && parser.idIncludedEntirely)
        {
            parser.root.Remove("_id");
        }

        return new ParsedProjection(parser.root, mode, policies);
    }

    // find()'s compatibility rules when nothing but _id, $slice or $elemMatch decided the type.
    private ProjectionMode DefaultMode() =>
        hasFindSlice ? (idIncludedEntirely ? ProjectionMode.Inclusion : ProjectionMode.Exclusion)
        : hasElemMatch || idIncludedEntirely ? ProjectionMode.Inclusion
        : ProjectionMode.Exclusion;

    private void ParseElement(BsonElement element, ProjectionPathNode parent)
    {
        string name = element.Name;
        bool positional = name.EndsWith(".$", StringComparison.Ordinal) || name == "$";
        if (positional && !policies.FindOnlyFeatures)
        {
            throw AggregationErrors.Fail(31324, "Cannot use positional projection in aggregation projection");
        }

        if (name.Contains(".$.", StringComparison.Ordinal))
        {
            throw AggregationErrors.Fail(31394, "As of 4.4, it's illegal to specify positional operator in the middle of a path.");
        }

        if (positional)
        {
            throw Errors.MongoCommandException.NotSupported("The positional projection operator ($)");
        }

        BsonValue value = element.Value;
        if (value.IsBsonDocument)
        {
            if (mode == ProjectionMode.AddFields && value.AsBsonDocument.ElementCount == 0)
            {
                ParseLiteral(element, parent);
            }
            else
            {
                ParseSubObject(name, value.AsBsonDocument, parent);
            }
        }
        else if (!policies.OnlyComputedFields && (NumberValues.IsNumber(value) || value.IsBoolean))
        {
            if (AggregationValues.IsTruthy(value))
            {
                ParseInclusion(name, parent);
            }
            else
            {
                ParseExclusion(name, parent);
            }
        }
        else
        {
            ParseLiteral(element, parent);
        }
    }

    private void ParseSubObject(string name, BsonDocument subObject, ProjectionPathNode parent)
    {
        if (subObject.ElementCount == 0)
        {
            throw AggregationErrors.Fail(51270, $"Invalid empty sub-projection: {name}");
        }

        string[] path = FieldPaths.Parse(name);
        string first = subObject.GetElement(0).Name;
        if (subObject.ElementCount == 1 && first.StartsWith('$'))
        {
            if (ParseSubObjectAsExpression(path, subObject, parent))
            {
                return;
            }

            if (first is not ("$id" or "$ref" or "$db"))
            {
                throw AggregationErrors.Fail(31325, $"Unknown expression {first}");
            }
        }

        ProjectionPathNode? inner = parent.FindInnerNode(path);
        if (inner is null)
        {
            inner = new ProjectionPathNode();
            parent.AddAtPath(path, inner);
        }

        foreach (BsonElement element in subObject)
        {
            ParseElement(element, inner);
        }
    }

    private bool ParseSubObjectAsExpression(string[] path, BsonDocument subObject, ProjectionPathNode parent)
    {
        BsonElement operatorElement = subObject.GetElement(0);
        if (policies.FindOnlyFeatures && operatorElement.Name == "$slice")
        {
            if (TryParseFindSlice(operatorElement.Value, out ProjectionLeaf? slice))
            {
                parent.AddAtPath(path, slice!);
                hasFindSlice = true;
                return true;
            }

            return TryParseExpression(path, subObject, parent);
        }

        if (operatorElement.Name == "$elemMatch")
        {
            if (!policies.FindOnlyFeatures)
            {
                throw AggregationErrors.Fail(168, "Cannot use $elemMatch in this context");
            }

            if (!operatorElement.Value.IsBsonDocument)
            {
                throw AggregationErrors.Fail(31274, $"elemMatch: Invalid argument, object required, but got {AggregationErrors.TypeName(operatorElement.Value)}");
            }

            if (path.Length != 1 || parent != root)
            {
                throw AggregationErrors.Fail(31275, "Cannot use $elemMatch projection on a nested field.");
            }

            parent.AddAtPath(path, ProjectionLeaf.ElemMatchOf(operatorElement.Value.AsBsonDocument));
            hasElemMatch = true;
            return true;
        }

        return TryParseExpression(path, subObject, parent);
    }

    private bool TryParseExpression(string[] path, BsonDocument subObject, ProjectionPathNode parent)
    {
        string name = subObject.GetElement(0).Name;
        if (!OperatorRegistry.IsExpressionName(name))
        {
            return false;
        }

        if (name == "$meta")
        {
            throw Errors.MongoCommandException.NotSupported("The $meta projection");
        }

        if (mode == ProjectionMode.Exclusion)
        {
            throw AggregationErrors.Fail(31252, "Cannot use expression other than $meta in exclusion projection");
        }

        mode ??= ProjectionMode.Inclusion;
        parent.AddAtPath(path, ProjectionLeaf.Computed(CompiledExpression.Compile(subObject)));
        return true;
    }

    private void ParseInclusion(string name, ProjectionPathNode parent)
    {
        bool topLevelId = name == "_id" && parent == root;
        parent.AddAtPath(FieldPaths.Parse(name), ProjectionLeaf.Boolean(true));
        if (topLevelId)
        {
            idIncludedEntirely = true;
            return;
        }

        if (mode == ProjectionMode.Exclusion)
        {
            throw AggregationErrors.Fail(31253, $"Cannot do inclusion on field {name} in exclusion projection");
        }

        mode = ProjectionMode.Inclusion;
    }

    private void ParseExclusion(string name, ProjectionPathNode parent)
    {
        bool topLevelId = name == "_id" && parent == root;
        parent.AddAtPath(FieldPaths.Parse(name), ProjectionLeaf.Boolean(false));
        if (topLevelId)
        {
            return;
        }

        if (mode == ProjectionMode.Inclusion)
        {
            throw AggregationErrors.Fail(31254, $"Cannot do exclusion on field {name} in inclusion projection");
        }

        mode = ProjectionMode.Exclusion;
    }

    private void ParseLiteral(BsonElement element, ProjectionPathNode parent)
    {
        parent.AddAtPath(FieldPaths.Parse(element.Name), ProjectionLeaf.Computed(CompiledExpression.Compile(element.Value)));
        if (policies.OnlyComputedFields)
        {
            return;
        }

        if (mode == ProjectionMode.Exclusion)
        {
            throw AggregationErrors.Fail(31310, $"Cannot use an expression {element.Name}: {element.Value} in an exclusion projection");
        }

        mode = ProjectionMode.Inclusion;
    }

    // When the argument is not of the find() form, MongoDB reads it as the $slice aggregation expression instead.
    private static bool TryParseFindSlice(BsonValue argument, out ProjectionLeaf? slice)
    {
        slice = null;
        if (NumberValues.IsNumber(argument))
        {
            slice = ProjectionLeaf.Slice(null, SafeInt(argument));
            return true;
        }

        if (argument is not BsonArray { Count: 2 } pair || !NumberValues.IsNumber(pair[0]) || !NumberValues.IsNumber(pair[1]) || SafeInt(pair[1]) <= 0)
        {
            return false;
        }

        slice = ProjectionLeaf.Slice(SafeInt(pair[0]), SafeInt(pair[1]));
        return true;
    }

    private static int SafeInt(BsonValue number) => (int)Math.Clamp(NumberValues.ToInt64(number), int.MinValue, int.MaxValue);
}
