using System.Globalization;
using EmbeddedMongo.Bson;
using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>Validates the arguments of <c>$type $size $mod $regex $exists</c> with MongoDB's codes and messages.</summary>
internal static class OperatorArguments
{
    private const ErrorCode RegexOptionsInPattern = (ErrorCode)51074;
    private const ErrorCode RegexOptionsTwice = (ErrorCode)51075;

    // BSON type 12 (DBPointer, alias "dbPointer") is valid for $type but has no .NET value, so it matches nothing.
    private const int DbPointerCode = 12;

    /// <summary>MongoDB's truthiness of a BSON argument: false, 0, null and undefined are false.</summary>
    public static bool IsTrueValue(BsonValue value) => value.BsonType switch
    {
        BsonType.Boolean => value.AsBoolean,
        BsonType.Int32 or BsonType.Int64 => value.ToInt64() != 0,
        BsonType.Double => value.AsDouble != 0,
        BsonType.Decimal128 => !Decimal128.IsZero(value.AsDecimal128),
        BsonType.Null or BsonType.Undefined => false,
        _ => true,
    };

    /// <summary>A number that is exactly a 64-bit integer (whole doubles and decimals included).</summary>
    public static bool TryGetExactInteger(BsonValue value, out long result)
    {
        result = 0;
        switch (value.BsonType)
        {
            case BsonType.Int32:
            case BsonType.Int64:
                result = value.ToInt64();
                return true;
            case BsonType.Double:
                double number = value.AsDouble;
                if (double.IsNaN(number) || number >= 9.2233720368547758E18 || number < -9.2233720368547758E18 || Math.Truncate(number) != number)
                {
                    return false;
                }

                result = (long)number;
                return true;
            case BsonType.Decimal128:
                return ModPredicate.TryTruncate(value, out result) && new Decimal128(result) == value.AsDecimal128;
            default:
                return false;
        }
    }

    public static TypePredicate ParseType(string field, BsonValue specification)
    {
        var types = new HashSet<BsonType>();
        bool anyNumber = false;
        int count = 0;
        foreach (BsonValue item in specification.BsonType == BsonType.Array ? specification.AsBsonArray : [specification])
        {
            count++;
            if (item.BsonType == BsonType.String)
            {
                string alias = item.AsString;
                if (alias == "number")
                {
                    anyNumber = true;
                }
                else if (alias == "missing")
                {
                    throw MongoCommandException.BadValue("'missing' is not a legal type name. To query for non-existence of a field, use {$exists:false}.");
                }
                else if (alias != "dbPointer")
                {
                    types.Add(BsonTypeAliases.TryParse(item, out BsonType? type) && type is { } found
                        ? found
                        : throw MongoCommandException.BadValue($"Unknown type name alias: {alias}"));
                }
            }
            else if (BsonOrder.IsNumber(item))
            {
                string shown = item.ToDouble().ToString(CultureInfo.InvariantCulture);
                if (!TryGetExactInteger(item, out long code) || code is < int.MinValue or > int.MaxValue)
                {
                    throw MongoCommandException.BadValue($"Invalid numerical type code: {shown}");
                }

                if (code == 0)
                {
                    throw MongoCommandException.BadValue($"Invalid numerical type code: {shown}. Instead use {{$exists:false}}.");
                }

                if (code != DbPointerCode)
                {
                    types.Add(BsonTypeAliases.TryParse(new BsonInt32((int)code), out BsonType? type) && type is { } found
                        ? found
                        : throw MongoCommandException.BadValue($"Invalid numerical type code: {shown}"));
                }
            }
            else
            {
                throw MongoCommandException.TypeMismatch("type must be represented as a number or a string");
            }
        }

        return count == 0
            ? throw MongoCommandException.FailedToParse($"{field} must match at least one type")
            : new TypePredicate(types, anyNumber);
    }

    public static int ParseSize(BsonValue value)
    {
        int size = value.BsonType switch
        {
            BsonType.Int32 => value.AsInt32,
            BsonType.Int64 => value.AsInt64 is >= int.MinValue and <= int.MaxValue
                ? (int)value.AsInt64
                : throw MongoCommandException.BadValue("$size must be representable as a 32-bit integer"),
            BsonType.Double => value.AsDouble is >= int.MinValue and <= int.MaxValue && Math.Truncate(value.AsDouble) == value.AsDouble
                ? (int)value.AsDouble
                : throw MongoCommandException.BadValue("$size must be a whole number"),
            _ => throw MongoCommandException.BadValue("$size needs a number"),
        };
        return size < 0 ? throw MongoCommandException.BadValue("$size may not be negative") : size;
    }

    public static ModPredicate ParseMod(BsonValue value)
    {
        if (value.BsonType != BsonType.Array)
        {
            throw MongoCommandException.BadValue("malformed mod, needs to be an array");
        }

        BsonArray arguments = value.AsBsonArray;
        if (arguments.Count < 1)
        {
            throw MongoCommandException.BadValue("malformed mod, not enough elements");
        }

        if (!BsonOrder.IsNumber(arguments[0]))
        {
            throw MongoCommandException.BadValue("malformed mod, divisor not a number");
        }

        if (arguments.Count < 2)
        {
            throw MongoCommandException.BadValue("malformed mod, not enough elements");
        }

        if (!BsonOrder.IsNumber(arguments[1]))
        {
            throw MongoCommandException.BadValue("malformed mod, remainder not a number");
        }

        if (arguments.Count > 2)
        {
            throw MongoCommandException.BadValue("malformed mod, too many elements");
        }

        long divisor = CoerceModArgument(arguments[0], "divisor");
        long remainder = CoerceModArgument(arguments[1], "remainder");
        return divisor == 0 ? throw MongoCommandException.BadValue("divisor cannot be 0") : new ModPredicate(divisor, remainder);
    }

    /// <summary>The <c>$regex</c> / <c>$options</c> pair of an operator document.</summary>
    public static RegexPredicate ParseRegexDocument(BsonDocument context)
    {
        string pattern = string.Empty, options = string.Empty;
        foreach (BsonElement element in context)
        {
            if (element.Name == "$regex")
            {
                switch (element.Value.BsonType)
                {
                    case BsonType.String:
                        pattern = element.Value.AsString;
                        break;
                    case BsonType.RegularExpression:
                        pattern = element.Value.AsBsonRegularExpression.Pattern;
                        string inline = element.Value.AsBsonRegularExpression.Options;
                        if (inline.Length > 0)
                        {
                            options = options.Length > 0
                                ? throw new MongoCommandException(RegexOptionsInPattern, "options set in both $regex and $options")
                                : inline;
                        }

                        break;
                    default:
                        throw MongoCommandException.BadValue("$regex has to be a string");
                }
            }
            else if (element.Name == "$options")
            {
                if (element.Value.BsonType != BsonType.String)
                {
                    throw MongoCommandException.BadValue("$options has to be a string");
                }

                options = options.Length > 0
                    ? throw new MongoCommandException(RegexOptionsTwice, "options set in both $regex and $options")
                    : element.Value.AsString;
            }
        }

        return RegexPredicate.Create(pattern, options);
    }

    private static long CoerceModArgument(BsonValue value, string role)
    {
        if (value.BsonType is BsonType.Double or BsonType.Decimal128)
        {
            bool finite = value.BsonType == BsonType.Double
                ? double.IsFinite(value.AsDouble)
                : !Decimal128.IsNaN(value.AsDecimal128) && !Decimal128.IsInfinity(value.AsDecimal128);
            if (!finite)
            {
                throw MongoCommandException.BadValue($"malformed mod, {role} value is invalid :: caused by :: Unable to coerce NaN/Inf to integral type");
            }
        }

        return ModPredicate.TryTruncate(value, out long result)
            ? result
            : throw MongoCommandException.BadValue($"malformed mod, {role} value is invalid :: caused by :: Out of bounds coercing to integral value");
    }
}
