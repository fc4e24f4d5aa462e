using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>
/// <c>$not</c>, <c>$ne</c>, <c>$nin</c>, <c>$exists: false</c>. On a single value it negates; applied to a path it negates
/// the whole path predicate, so it matches when no reached value matches (including when the field is missing).
/// </summary>
internal sealed class ValueNotPredicate(ValuePredicate child) : ValuePredicate
{
    public override bool Matches(BsonValue? value) => !child.Matches(value);

    public override FilterNode ToFilterNode(FieldPath path) => new NotNode(child.ToFilterNode(path));
}
