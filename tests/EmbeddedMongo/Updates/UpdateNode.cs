namespace EmbeddedMongo.Updates;

/// <summary>
/// A node of the update tree MongoDB builds from an operator document: internal nodes follow the path
/// components, leaves are the modifiers.
/// </summary>
internal abstract class UpdateNode
{
    /// <summary>
    /// Applies this node. <paramref name="pathToCreate"/> empty: <paramref name="element"/> is the element at
    /// <paramref name="pathTaken"/>. Otherwise <paramref name="element"/> is the deepest existing element and
    /// <paramref name="pathToCreate"/> the components below it that do not exist.
    /// </summary>
    public abstract void Apply(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken, IReadOnlyList<string> pathToCreate);
}
