using EmbeddedMongo.Bson;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>Value semantics of aggregation expressions: comparison, truthiness, nullishness.</summary>
internal static class AggregationValues
{
    public static bool IsNullish(BsonValue? value) => value is null || value.IsBsonNull || value.IsBsonUndefined;

    /// <summary>MongoDB's coerceToBool: false for missing, null, undefined, false and numeric zeros.</summary>
    public static bool IsTruthy(BsonValue? value)
    {
        if (value is null)
        {
            return false;
        }

        return value.BsonType switch
        {
            BsonType.Null or BsonType.Undefined => false,
            BsonType.Boolean => value.AsBoolean,
            BsonType.Int32 => value.AsInt32 != 0,
            BsonType.Int64 => value.AsInt64 != 0,
            BsonType.Double => value.AsDouble != 0.0,
            BsonType.Decimal128 => !Decimal128.IsZero(value.AsDecimal128),
            _ => true,
        };
    }

    public static BsonBoolean Boolean(bool value) => value ? BsonBoolean.True : BsonBoolean.False;

    /// <summary>
    /// The order of expression comparisons (<c>$eq</c>, <c>$lt</c>, <c>$cmp</c>...): full BSON order, except that a
    /// missing value (and undefined) sorts before null, as MongoDB's Value comparison does.
    /// </summary>
    public static int Compare(BsonValue? a, BsonValue? b)
    {
        if (a is not null && b is not null && SameTypeComparison.TryCompare(a, b, out int comparison))
        {
            return comparison;
        }

        int rankA = Rank(a), rankB = Rank(b);
        if (rankA != rankB)
        {
            return rankA.CompareTo(rankB);
        }

        return rankA == 0 ? 0 : BsonOrder.Compare(a, b);
    }

    public static bool Equal(BsonValue? a, BsonValue? b) => Compare(a, b) == 0;

    private static int Rank(BsonValue? value) =>
        value is null || value.IsBsonUndefined ? 0 : value.BsonType == BsonType.MinKey ? -1 : BsonOrder.Rank(value);
}
