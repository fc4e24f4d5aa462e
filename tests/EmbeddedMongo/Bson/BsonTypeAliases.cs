using MongoDB.Bson;

namespace EmbeddedMongo.Bson;

/// <summary>MongoDB's string aliases and numeric codes of BSON types, as used by <c>$type</c>.</summary>
internal static class BsonTypeAliases
{
    private static readonly Dictionary<string, BsonType> ByAlias = new(StringComparer.Ordinal)
    {
        ["double"] = BsonType.Double,
        ["string"] = BsonType.String,
        ["object"] = BsonType.Document,
        ["array"] = BsonType.Array,
        ["binData"] = BsonType.Binary,
        ["undefined"] = BsonType.Undefined,
        ["objectId"] = BsonType.ObjectId,
        ["bool"] = BsonType.Boolean,
        ["date"] = BsonType.DateTime,
        ["null"] = BsonType.Null,
        ["regex"] = BsonType.RegularExpression,
        ["javascript"] = BsonType.JavaScript,
        ["symbol"] = BsonType.Symbol,
        ["javascriptWithScope"] = BsonType.JavaScriptWithScope,
        ["int"] = BsonType.Int32,
        ["timestamp"] = BsonType.Timestamp,
        ["long"] = BsonType.Int64,
        ["decimal"] = BsonType.Decimal128,
        ["minKey"] = BsonType.MinKey,
        ["maxKey"] = BsonType.MaxKey,
    };

    /// <summary>The alias MongoDB's <c>$type</c> expression returns for a value ("missing" for a missing one).</summary>
    public static string AliasOf(BsonValue? value)
    {
        if (value is null)
        {
            return "missing";
        }

        foreach (KeyValuePair<string, BsonType> pair in ByAlias)
        {
            if (pair.Value == value.BsonType)
            {
                return pair.Key;
            }
        }

        return value.BsonType.ToString();
    }

    /// <summary>Resolves an alias or a numeric code; <c>"number"</c> gives <c>null</c> meaning any numeric type.</summary>
    public static bool TryParse(BsonValue spec, out BsonType? type)
    {
        type = null;
        if (spec.IsString)
        {
            if (spec.AsString == "number")
            {
                return true;
            }

            if (ByAlias.TryGetValue(spec.AsString, out BsonType found))
            {
                type = found;
                return true;
            }

            return false;
        }

        if (BsonOrder.IsNumber(spec))
        {
            double code = spec.ToDouble();
            int rounded = (int)code;
            if (rounded != code)
            {
                return false;
            }

            if (rounded == -1)
            {
                type = BsonType.MinKey;
                return true;
            }

            if (rounded == 127)
            {
                type = BsonType.MaxKey;
                return true;
            }

            if (Enum.IsDefined(typeof(BsonType), rounded) && rounded is >= 1 and <= 19)
            {
                type = (BsonType)rounded;
                return true;
            }
        }

        return false;
    }

    public static bool Matches(BsonValue value, BsonType? type) =>
        type is null ? BsonOrder.IsNumber(value) : value.BsonType == type;
}
