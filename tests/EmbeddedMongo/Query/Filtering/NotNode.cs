using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>
/// The negation of a whole path predicate (<c>$not</c>, <c>$ne</c>, <c>$nin</c>, <c>$exists: false</c>): true when no
/// value the path reaches matches, so also when the field is missing.
/// </summary>
internal sealed class NotNode(FilterNode child) : FilterNode
{
    public override bool Matches(BsonValue root) => !child.Matches(root);
}
