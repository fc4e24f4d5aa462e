using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>A leaf predicate applied to every value a dotted path reaches: true when any of them matches.</summary>
internal sealed class PathNode(FieldPath path, ValuePredicate predicate) : FilterNode
{
    public override bool Matches(BsonValue root) => path.AnyMatch(root, predicate);
}
