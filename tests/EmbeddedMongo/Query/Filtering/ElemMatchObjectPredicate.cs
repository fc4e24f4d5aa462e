using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>
/// <c>$elemMatch</c> with a query (<c>{b: 1, c: {$gt: 2}}</c>): one element, a document (or an array, seen as a document
/// keyed by index), matches the whole query.
/// </summary>
internal sealed class ElemMatchObjectPredicate(FilterNode query) : ValuePredicate
{
    public override bool TraversesLeafArrays => false;

    public override bool Matches(BsonValue? value)
    {
        if (value is not BsonArray array)
        {
            return false;
        }

        foreach (BsonValue element in array)
        {
            if (element.BsonType is BsonType.Document or BsonType.Array && query.Matches(element))
            {
                return true;
            }
        }

        return false;
    }
}
