namespace EmbeddedMongo.Updates;

/// <summary>An update-tree node with children keyed by field name or array-filter identifier.</summary>
internal abstract class InternalUpdateNode : UpdateNode
{
    protected InternalUpdateNode(IComparer<string> order)
    {
        Children = new SortedDictionary<string, UpdateNode>(order);
    }

    public SortedDictionary<string, UpdateNode> Children { get; }

    public UpdateNode? GetChild(string name) => Children.TryGetValue(name, out UpdateNode? child) ? child : null;

    public void SetChild(string name, UpdateNode child) => Children.Add(name, child);
}
