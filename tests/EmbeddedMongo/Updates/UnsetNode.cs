namespace EmbeddedMongo.Updates;

/// <summary><c>$unset</c>: removes a field; an array element becomes null; a missing path is a no-op.</summary>
internal sealed class UnsetNode : ModifierNode
{
    protected override bool AllowCreation => false;

    protected override bool AllowNonViablePath => true;

    protected override void UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> path) => element.Remove();
}
