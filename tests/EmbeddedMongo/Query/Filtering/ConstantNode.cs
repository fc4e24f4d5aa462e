using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary><c>$alwaysTrue</c> / <c>$alwaysFalse</c>, and <c>$all: []</c> (which matches nothing).</summary>
internal sealed class ConstantNode : FilterNode
{
    public static readonly ConstantNode True = new(true);
    public static readonly ConstantNode False = new(false);

    private readonly bool value;

    private ConstantNode(bool value) => this.value = value;

    public override bool Matches(BsonValue root) => value;
}
