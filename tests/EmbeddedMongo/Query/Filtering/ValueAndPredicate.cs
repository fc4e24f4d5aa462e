using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>
/// Several operators on one field (<c>{$gt: 1, $lt: 5}</c>, <c>$all</c>). On a single value all must match; applied to a
/// path, each operator is tested on its own, so different array elements may satisfy different operators.
/// </summary>
internal sealed class ValueAndPredicate(ValuePredicate[] children) : ValuePredicate
{
    public override bool Matches(BsonValue? value)
    {
        foreach (ValuePredicate child in children)
        {
            if (!child.Matches(value))
            {
                return false;
            }
        }

        return true;
    }

    public override FilterNode ToFilterNode(FieldPath path) =>
        children.Length == 1 ? children[0].ToFilterNode(path) : new AndNode([.. children.Select(c => c.ToFilterNode(path))]);
}
