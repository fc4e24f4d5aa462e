using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary><c>$elemMatch</c> with operators (<c>{$gt: 1, $lt: 5}</c>): one element of the array satisfies all of them.</summary>
internal sealed class ElemMatchValuePredicate(ValuePredicate condition) : ValuePredicate
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
            if (condition.Matches(element))
            {
                return true;
            }
        }

        return false;
    }
}
