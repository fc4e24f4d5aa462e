namespace EmbeddedMongo.Updates;

/// <summary>Marks the source path of a <c>$rename</c> so no other operator may touch it; does nothing itself.</summary>
internal sealed class ConflictPlaceholderNode : UpdateNode
{
    public override void Apply(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken, IReadOnlyList<string> pathToCreate)
    {
    }
}
