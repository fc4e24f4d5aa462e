namespace EmbeddedMongo.Query.Projection;

/// <summary>An inner node of a parsed projection: its children in the order the specification gives them.</summary>
internal sealed class ProjectionPathNode : ProjectionAstNode
{
    private readonly List<string> order = [];
    private readonly Dictionary<string, ProjectionAstNode> children = new(StringComparer.Ordinal);

    public IEnumerable<(string Name, ProjectionAstNode Node)> Children => order.Select(name => (name, children[name]));

    public ProjectionAstNode? Get(string name) => children.GetValueOrDefault(name);

    public void Remove(string name)
    {
        if (children.Remove(name))
        {
            order.Remove(name);
        }
    }

    /// <summary>Adds <paramref name="leaf"/> at a dotted path, creating inner nodes; path collisions are errors.</summary>
    public void AddAtPath(string[] path, ProjectionAstNode leaf)
    {
        ProjectionPathNode node = this;
        for (int i = 0; i < path.Length; i++)
        {
            ProjectionAstNode? child = node.Get(path[i]);
            if (i == path.Length - 1)
            {
                if (child is not null)
                {
                    throw Aggregation.AggregationErrors.Fail(31250, $"Path collision at {string.Join('.', path)}");
                }

                node.Add(path[i], leaf);
                return;
            }

            if (child is null)
            {
                var inner = new ProjectionPathNode();
                node.Add(path[i], inner);
                node = inner;
            }
            else
            {
                node = child as ProjectionPathNode ?? throw Aggregation.AggregationErrors.Fail(
                    31249, $"Path collision at {string.Join('.', path)} remaining portion {string.Join('.', path[(i + 1)..])}");
            }
        }
    }

    /// <summary>The inner node at <paramref name="path"/>, or null when there is none (or a leaf is in the way).</summary>
    public ProjectionPathNode? FindInnerNode(string[] path)
    {
        ProjectionPathNode? node = this;
        foreach (string part in path)
        {
            node = node?.Get(part) as ProjectionPathNode;
        }

        return node;
    }

    private void Add(string name, ProjectionAstNode node)
    {
        children.Add(name, node);
        order.Add(name);
    }
}
