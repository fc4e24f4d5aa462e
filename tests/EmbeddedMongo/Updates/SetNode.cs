using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary><c>$set</c> and <c>$setOnInsert</c>.</summary>
internal sealed class SetNode(BsonValue value, bool insertOnly) : ModifierNode
{
    protected override bool InsertOnly => insertOnly;

    protected override void UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> path) =>
        element.Set(value.DeepClone());

    protected override BsonValue ValueForNewElement() => value.DeepClone();
}
