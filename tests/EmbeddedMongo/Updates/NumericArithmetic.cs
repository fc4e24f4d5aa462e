using System.Globalization;
using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>
/// MongoDB's numeric type promotion for <c>$inc</c> and <c>$mul</c>: int op int stays int unless it overflows
/// (then long), long overflow is an error, anything with a double is a double, anything with a decimal a decimal.
/// </summary>
internal static class NumericArithmetic
{
    /// <summary>The sum, or <c>null</c> when a 64-bit integer result would overflow.</summary>
    public static BsonValue? Add(BsonValue left, BsonValue right) => Combine(left, right, isMultiply: false);

    /// <summary>The product, or <c>null</c> when a 64-bit integer result would overflow.</summary>
    public static BsonValue? Multiply(BsonValue left, BsonValue right) => Combine(left, right, isMultiply: true);

    /// <summary>The operand as MongoDB prints it in an overflow message: <c>(NumberLong)9223372036854775807</c>.</summary>
    public static string DebugString(BsonValue value) => value.BsonType switch
    {
        BsonType.Int32 => "(NumberInt)" + value.AsInt32.ToString(CultureInfo.InvariantCulture),
        BsonType.Int64 => "(NumberLong)" + value.AsInt64.ToString(CultureInfo.InvariantCulture),
        BsonType.Double => "(NumberDouble)" + value.AsDouble.ToString("R", CultureInfo.InvariantCulture),
        BsonType.Decimal128 => "(NumberDecimal)" + value.AsDecimal128.ToString(),
        _ => "(EOO)",
    };

    private static BsonValue? Combine(BsonValue left, BsonValue right, bool isMultiply)
    {
        if (left.BsonType == BsonType.Decimal128 || right.BsonType == BsonType.Decimal128)
        {
            decimal x = ToDecimal(left), y = ToDecimal(right);
            try
            {
                return new BsonDecimal128(new Decimal128(isMultiply ? x * y : x + y));
            }
            catch (OverflowException)
            {
                throw MongoCommandException.NotSupported("Decimal128 arithmetic beyond the range of System.Decimal");
            }
        }

        if (left.BsonType == BsonType.Double || right.BsonType == BsonType.Double)
        {
            double x = left.ToDouble(), y = right.ToDouble();
            return new BsonDouble(isMultiply ? x * y : x + y);
        }

        if (left.BsonType == BsonType.Int32 && right.BsonType == BsonType.Int32)
        {
            long wide = isMultiply ? (long)left.AsInt32 * right.AsInt32 : (long)left.AsInt32 + right.AsInt32;
            return wide is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)wide) : new BsonInt64(wide);
        }

        try
        {
            long a = left.ToInt64(), b = right.ToInt64();
            return new BsonInt64(isMultiply ? checked(a * b) : checked(a + b));
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static decimal ToDecimal(BsonValue value)
    {
        try
        {
            return value.BsonType switch
            {
                BsonType.Decimal128 => Decimal128.ToDecimal(value.AsDecimal128),
                // MongoDB converts a double to a decimal with 15 significant digits.
                BsonType.Double => decimal.Parse(
                    value.AsDouble.ToString("E14", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture),
                _ => value.ToInt64(),
            };
        }
        catch (Exception exception) when (exception is OverflowException or FormatException)
        {
            throw MongoCommandException.NotSupported("Decimal128 arithmetic beyond the range of System.Decimal");
        }
    }
}
