using System.Globalization;
using EmbeddedMongo.Bson;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>The conversion table of <c>$convert</c> and its shortcuts (<c>$toInt</c>, <c>$toString</c>...).</summary>
internal static class BsonConversion
{
    /// <summary>Converts a value that is neither null nor missing; impossible conversions throw ConversionFailure (241).</summary>
    public static BsonValue Convert(BsonValue input, BsonType? target)
    {
        if (target == input.BsonType)
        {
            return input;
        }

        return target switch
        {
            BsonType.Boolean => ToBoolean(input),
            BsonType.String => new BsonString(ToStringValue(input)),
            BsonType.Int32 => new BsonInt32((int)ToIntegral(input, int.MinValue, int.MaxValue, allowDate: false, target.Value)),
            BsonType.Int64 => new BsonInt64(ToIntegral(input, long.MinValue, long.MaxValue, allowDate: true, target.Value)),
            BsonType.Double => ToDouble(input),
            BsonType.Decimal128 => ToDecimal(input),
            BsonType.DateTime => ToDate(input),
            BsonType.ObjectId => ToObjectId(input),
            _ => throw Unsupported(input, target),
        };
    }

    /// <summary>MongoDB's string form of a value, as <c>$toString</c> produces it.</summary>
    public static string ToStringValue(BsonValue input) => input.BsonType switch
    {
        BsonType.String => input.AsString,
        BsonType.Int32 => input.AsInt32.ToString(CultureInfo.InvariantCulture),
        BsonType.Int64 => input.AsInt64.ToString(CultureInfo.InvariantCulture),
        BsonType.Double => FormatDouble(input.AsDouble),
        BsonType.Decimal128 => input.AsDecimal128.ToString(),
        BsonType.Boolean => input.AsBoolean ? "true" : "false",
        BsonType.ObjectId => input.AsObjectId.ToString(),
        BsonType.DateTime => FormatDate(input.AsBsonDateTime),
        _ => throw Unsupported(input, BsonType.String),
    };

    /// <summary>The shortest text that reads back as the same double, in the exponent style of MongoDB ("1e+20").</summary>
    public static string FormatDouble(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "Infinity";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Infinity";
        }

        if (double.IsNaN(value))
        {
            return "NaN";
        }

        return value == 0 && double.IsNegative(value) ? "-0" : value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
    }

    public static string FormatDate(BsonDateTime date) =>
        DateTime.UnixEpoch.AddMilliseconds(date.MillisecondsSinceEpoch).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The target type named by <c>to</c> (an alias or a numeric code); <c>null</c> for "missing".</summary>
    public static BsonType? ParseTarget(BsonValue to)
    {
        if (to.IsString)
        {
            if (to.AsString == "missing")
            {
                return null;
            }

            return to.AsString != "number" && BsonTypeAliases.TryParse(to, out BsonType? type)
                ? type
                : throw AggregationErrors.Fail(2, $"Unknown type name: {to.AsString}");
        }

        if (NumberValues.IsNumber(to))
        {
            if (!NumberValues.TryGetInt32(to, out int code))
            {
                throw AggregationErrors.Fail(9, "In $convert, numeric 'to' argument is not an integer");
            }

            return BsonTypeAliases.TryParse(new BsonInt32(code), out BsonType? type) && type is not null
                ? type
                : throw AggregationErrors.Fail(9, $"In $convert, numeric value for 'to' does not correspond to a BSON type: {code}");
        }

        throw AggregationErrors.Fail(9, $"$convert's 'to' argument must be a string or number, but is {AggregationErrors.TypeName(to)}");
    }

    private static BsonValue ToBoolean(BsonValue input) => input.BsonType switch
    {
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 or BsonType.DateTime =>
            AggregationValues.Boolean(input.BsonType == BsonType.DateTime || AggregationValues.IsTruthy(input)),
        _ => BsonBoolean.True,
    };

    private static long ToIntegral(BsonValue input, long min, long max, bool allowDate, BsonType target)
    {
        switch (input.BsonType)
        {
            case BsonType.Boolean:
                return input.AsBoolean ? 1 : 0;
            case BsonType.Int32:
                return input.AsInt32;
            case BsonType.Int64:
                return input.AsInt64 >= min && input.AsInt64 <= max ? input.AsInt64 : throw Overflow(input);
            case BsonType.DateTime when allowDate:
                return input.AsBsonDateTime.MillisecondsSinceEpoch;
            case BsonType.Double:
            case BsonType.Decimal128:
                double number = NumberValues.ToDouble(input);
                if (double.IsNaN(number))
                {
                    throw AggregationErrors.Fail(AggregationErrors.ConversionFailure, "Attempt to convert NaN value to integer type in $convert with no onError value");
                }

                if (double.IsInfinity(number))
                {
                    throw AggregationErrors.Fail(AggregationErrors.ConversionFailure, "Attempt to convert infinity value to integer type in $convert with no onError value");
                }

                double truncated = Math.Truncate(number);
                return truncated >= min && truncated <= max && truncated < 9.2233720368547758E18 ? (long)truncated : throw Overflow(input);
            case BsonType.String:
                string text = input.AsString;
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed) && parsed >= min && parsed <= max
                    ? parsed
                    : throw ParseFailure(text);
            default:
                throw Unsupported(input, target);
        }
    }

    private static BsonValue ToDouble(BsonValue input) => input.BsonType switch
    {
        BsonType.Boolean => new BsonDouble(input.AsBoolean ? 1 : 0),
        BsonType.Int32 or BsonType.Int64 or BsonType.Decimal128 => new BsonDouble(NumberValues.ToDouble(input)),
        BsonType.DateTime => new BsonDouble(input.AsBsonDateTime.MillisecondsSinceEpoch),
        BsonType.String => new BsonDouble(ParseDouble(input.AsString)),
        _ => throw Unsupported(input, BsonType.Double),
    };

    private static BsonValue ToDecimal(BsonValue input) => input.BsonType switch
    {
        BsonType.Boolean => new BsonDecimal128(input.AsBoolean ? Decimal128.One : Decimal128.Zero),
        BsonType.Int32 => new BsonDecimal128(new Decimal128(input.AsInt32)),
        BsonType.Int64 => new BsonDecimal128(new Decimal128(input.AsInt64)),
        BsonType.Double => new BsonDecimal128(new Decimal128(input.AsDouble)),
        BsonType.DateTime => new BsonDecimal128(new Decimal128(input.AsBsonDateTime.MillisecondsSinceEpoch)),
        BsonType.String => Decimal128.TryParse(input.AsString, out Decimal128 parsed) ? new BsonDecimal128(parsed) : throw ParseFailure(input.AsString),
        _ => throw Unsupported(input, BsonType.Decimal128),
    };

    private static BsonValue ToDate(BsonValue input)
    {
        switch (input.BsonType)
        {
            case BsonType.Int64:
            case BsonType.Double:
            case BsonType.Decimal128:
                return new BsonDateTime(ToIntegral(input, long.MinValue, long.MaxValue, allowDate: false, BsonType.DateTime));
            case BsonType.ObjectId:
                return new BsonDateTime(input.AsObjectId.CreationTime);
            case BsonType.String:
                const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
                return DateTimeOffset.TryParse(input.AsString, CultureInfo.InvariantCulture, styles, out DateTimeOffset parsed)
                    ? new BsonDateTime(parsed.UtcDateTime)
                    : throw AggregationErrors.Fail(AggregationErrors.ConversionFailure, $"Error parsing date string '{input.AsString}'");
            default:
                throw Unsupported(input, BsonType.DateTime);
        }
    }

    private static BsonValue ToObjectId(BsonValue input) => input.BsonType == BsonType.String
        ? (ObjectId.TryParse(input.AsString, out ObjectId id) && input.AsString.Length == 24
            ? new BsonObjectId(id)
            : throw AggregationErrors.Fail(AggregationErrors.ConversionFailure, $"Failed to parse objectId '{input.AsString}' in $convert with no onError value: Invalid string length for parsing to OID, expected 24 but found {input.AsString.Length}"))
        : throw Unsupported(input, BsonType.ObjectId);

    private static double ParseDouble(string text)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.StartsWith("-0x", StringComparison.OrdinalIgnoreCase))
        {
            throw AggregationErrors.Fail(AggregationErrors.ConversionFailure, $"Illegal hexadecimal input in $convert with no onError value: {text}");
        }

        string unsigned = text.TrimStart('-', '+');
        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            return text.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        const NumberStyles styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        return double.TryParse(text, styles, CultureInfo.InvariantCulture, out double parsed) ? parsed : throw ParseFailure(text);
    }

    private static Errors.MongoCommandException ParseFailure(string text) =>
        AggregationErrors.Fail(AggregationErrors.ConversionFailure, $"Failed to parse number '{text}' in $convert with no onError value");

    private static Errors.MongoCommandException Overflow(BsonValue input) =>
        AggregationErrors.Fail(AggregationErrors.ConversionFailure, $"Conversion would overflow target type in $convert with no onError value: {input}");

    private static Errors.MongoCommandException Unsupported(BsonValue input, BsonType? target) =>
        AggregationErrors.Fail(
            AggregationErrors.ConversionFailure,
            $"Unsupported conversion from {AggregationErrors.TypeName(input)} to {TypeName(target)} in $convert with no onError value");

    private static string TypeName(BsonType? type) => type switch
    {
        null => "missing",
        BsonType.Document => "object",
        BsonType.Array => "array",
        BsonType.Binary => "binData",
        BsonType.Undefined => "undefined",
        BsonType.Null => "null",
        BsonType.RegularExpression => "regex",
        BsonType.JavaScript => "javascript",
        BsonType.Symbol => "symbol",
        BsonType.JavaScriptWithScope => "javascriptWithScope",
        BsonType.Timestamp => "timestamp",
        BsonType.MinKey => "minKey",
        BsonType.MaxKey => "maxKey",
        _ => type.Value.ToString(),
    };
}
