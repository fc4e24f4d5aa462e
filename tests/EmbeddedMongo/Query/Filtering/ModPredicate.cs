using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary><c>$mod: [divisor, remainder]</c> on numbers, the dividend truncated toward zero to a 64-bit integer.</summary>
internal sealed class ModPredicate(long divisor, long remainder) : ValuePredicate
{
    public override bool Matches(BsonValue? value)
    {
        if (value is null || !TryTruncate(value, out long dividend))
        {
            return false;
        }

        // long.MinValue % -1 overflows in .NET; the remainder is 0 for any divisor of -1.
        long actual = divisor == -1 ? 0 : dividend % divisor;
        return actual == remainder;
    }

    /// <summary>Truncates a finite number that fits a 64-bit integer; false for non-numbers, NaN, infinities and overflow.</summary>
    public static bool TryTruncate(BsonValue value, out long result)
    {
        result = 0;
        switch (value.BsonType)
        {
            case BsonType.Int32:
            case BsonType.Int64:
                result = value.ToInt64();
                return true;
            case BsonType.Double:
                return TryTruncate(value.AsDouble, out result);
            case BsonType.Decimal128:
                Decimal128 number = value.AsDecimal128;
                if (Decimal128.IsNaN(number) || Decimal128.IsInfinity(number))
                {
                    return false;
                }

                try
                {
                    result = (long)decimal.Truncate(Decimal128.ToDecimal(number));
                    return true;
                }
                catch (OverflowException)
                {
                    return false;
                }

            default:
                return false;
        }
    }

    private static bool TryTruncate(double number, out long result)
    {
        result = 0;
        double truncated = Math.Truncate(number);
        if (!double.IsFinite(truncated) || truncated >= 9.2233720368547758E18 || truncated < -9.2233720368547758E18)
        {
            return false;
        }

        result = (long)truncated;
        return true;
    }
}
