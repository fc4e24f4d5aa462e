using EmbeddedMongo.Aggregation.Expressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Query.Projection;

/// <summary>A validated projection, turned into an executor tree plus the find <c>$slice</c>s applied afterwards.</summary>
internal sealed class ParsedProjection
{
    private readonly ProjectionExecutorNode executor;
    private readonly List<FindSlice> slices = [];

    public ParsedProjection(ProjectionPathNode root, ProjectionMode mode, ProjectionPolicies policies)
    {
        Mode = mode;
        executor = new ProjectionExecutorNode(mode, policies.RecurseNestedArrays);
        Build(root, []);
    }

    public ProjectionMode Mode { get; }

    /// <summary>Builds the projected document; the input is never modified.</summary>
    public BsonDocument Apply(BsonDocument document)
    {
        BsonDocument output = executor.ApplyToDocument(document);
        foreach (FindSlice slice in slices)
        {
            output = slice.Apply(output);
        }

        return output;
    }

    private void Build(ProjectionPathNode node, List<string> prefix)
    {
        foreach ((string name, ProjectionAstNode child) in node.Children)
        {
            string[] path = [.. prefix, name];
            if (child is ProjectionPathNode inner)
            {
                Build(inner, [.. path]);
                continue;
            }

            var leaf = (ProjectionLeaf)child;
            if (leaf.Include is bool include)
            {
                // In an inclusion projection only _id can be excluded, by simply not including it.
                if (Mode != ProjectionMode.Inclusion || include)
                {
                    executor.AddProjectionForPath(path);
                }
            }
            else if (leaf.Expression is not null)
            {
                executor.AddExpressionForPath(path, leaf.Expression);
            }
            else if (leaf.IsSlice)
            {
                if (Mode == ProjectionMode.Inclusion)
                {
                    executor.AddProjectionForPath(path);
                }

                slices.Add(new FindSlice(path, leaf.SliceSkip, leaf.SliceLimit));
            }
            else if (Mode == ProjectionMode.Inclusion)
            {
                executor.AddExpressionForPath(path, CompiledExpression.FromNode(new ElemMatchProjectionNode(name, leaf.ElemMatch!)));
            }
            else
            {
                throw Errors.MongoCommandException.NotSupported("$elemMatch in an exclusion projection");
            }
        }
    }
}
