using EmbeddedMongo.Bson;
using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>
/// <c>$type</c> on one value. Array elements are offered too, and so is the array itself, so <c>"array"</c> matches a
/// field that is an array (MongoDB 3.6+).
/// </summary>
internal sealed class TypePredicate(IReadOnlyCollection<BsonType> types, bool anyNumber) : ValuePredicate
{
    private readonly BsonType[] types = [.. types];

    public override bool Matches(BsonValue? value)
    {
        if (value is null)
        {
            return false;
        }

        if (anyNumber && BsonOrder.IsNumber(value))
        {
            return true;
        }

        return Array.IndexOf(types, value.BsonType) >= 0;
    }
}
