using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>Numeric helpers with MongoDB's promotion order int → long → double → decimal.</summary>
internal static class NumberValues
{
    public const int IntWidth = 0;
    public const int LongWidth = 1;
    public const int DoubleWidth = 2;
    public const int DecimalWidth = 3;

    public static bool IsNumber(BsonValue? value) =>
        value is not null && value.BsonType is BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128;

    /// <summary>The position of a numeric value's type in the promotion order.</summary>
    public static int Width(BsonValue value) => value.BsonType switch
    {
        BsonType.Int32 => IntWidth,
        BsonType.Int64 => LongWidth,
        BsonType.Double => DoubleWidth,
        _ => DecimalWidth,
    };

    /// <summary>An int when the value fits, otherwise a long (MongoDB's createIntOrLong).</summary>
    public static BsonValue IntOrLong(long value) =>
        value is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)value) : new BsonInt64(value);

    /// <summary>An exact integer as the narrowest of int, long, or (beyond long) double.</summary>
    public static BsonValue FromInteger(Int128 value, int width) =>
        value >= long.MinValue && value <= long.MaxValue
            ? (width == IntWidth ? IntOrLong((long)value) : new BsonInt64((long)value))
            : new BsonDouble((double)value);

    public static double ToDouble(BsonValue value) => value.BsonType switch
    {
        BsonType.Int32 => value.AsInt32,
        BsonType.Int64 => value.AsInt64,
        BsonType.Double => value.AsDouble,
        _ => (double)value.AsDecimal128,
    };

    /// <summary>Truncates toward zero like MongoDB's coerceToLong.</summary>
    public static long ToInt64(BsonValue value) => value.BsonType switch
    {
        BsonType.Int32 => value.AsInt32,
        BsonType.Int64 => value.AsInt64,
        BsonType.Double => double.IsNaN(value.AsDouble) ? 0 : (long)Math.Clamp(value.AsDouble, long.MinValue, long.MaxValue),
        _ => (long)Math.Clamp((double)value.AsDecimal128, long.MinValue, long.MaxValue),
    };

    public static decimal ToDecimal(BsonValue value)
    {
        try
        {
            return value.BsonType switch
            {
                BsonType.Int32 => value.AsInt32,
                BsonType.Int64 => value.AsInt64,
                BsonType.Double => (decimal)value.AsDouble,
                _ => Decimal128.ToDecimal(value.AsDecimal128),
            };
        }
        catch (OverflowException)
        {
            throw Errors.MongoCommandException.NotSupported("Decimal arithmetic beyond the range of System.Decimal (or on NaN/Infinity)");
        }
    }

    public static BsonValue FromDecimal(decimal value) => new BsonDecimal128(new Decimal128(value));

    /// <summary>MongoDB's Value::integral(): a number exactly representable as a 32-bit integer.</summary>
    public static bool TryGetInt32(BsonValue value, out int result)
    {
        result = 0;
        switch (value.BsonType)
        {
            case BsonType.Int32:
                result = value.AsInt32;
                return true;
            case BsonType.Int64:
                if (value.AsInt64 is < int.MinValue or > int.MaxValue)
                {
                    return false;
                }

                result = (int)value.AsInt64;
                return true;
            case BsonType.Double:
            case BsonType.Decimal128:
                double number = ToDouble(value);
                if (number != Math.Floor(number) || number < int.MinValue || number > int.MaxValue)
                {
                    return false;
                }

                result = (int)number;
                return true;
            default:
                return false;
        }
    }
}
