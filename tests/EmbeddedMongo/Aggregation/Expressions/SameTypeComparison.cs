using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>
/// Fast paths of <see cref="Bson.BsonOrder"/> for two values of the same common type (sorting a million documents
/// compares tens of millions of keys); anything else is left to <see cref="Bson.BsonOrder"/>.
/// </summary>
internal static class SameTypeComparison
{
    public static bool TryCompare(BsonValue a, BsonValue b, out int comparison)
    {
        comparison = 0;
        if (a.BsonType != b.BsonType)
        {
            return false;
        }

        switch (a.BsonType)
        {
            case BsonType.Int32:
                comparison = ((BsonInt32)a).Value.CompareTo(((BsonInt32)b).Value);
                return true;
            case BsonType.Int64:
                comparison = ((BsonInt64)a).Value.CompareTo(((BsonInt64)b).Value);
                return true;
            case BsonType.Double:
                // double.CompareTo puts NaN first and equal to itself, as BsonOrder does.
                comparison = ((BsonDouble)a).Value.CompareTo(((BsonDouble)b).Value);
                return true;
            case BsonType.String:
                comparison = CompareStrings(((BsonString)a).Value, ((BsonString)b).Value);
                return true;
            case BsonType.ObjectId:
                comparison = ((BsonObjectId)a).Value.CompareTo(((BsonObjectId)b).Value);
                return true;
            case BsonType.DateTime:
                comparison = ((BsonDateTime)a).MillisecondsSinceEpoch.CompareTo(((BsonDateTime)b).MillisecondsSinceEpoch);
                return true;
            case BsonType.Boolean:
                comparison = ((BsonBoolean)a).Value.CompareTo(((BsonBoolean)b).Value);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Code point order (the order of UTF-8 bytes), with a vectorized scan for the common prefix.</summary>
    public static int CompareStrings(string a, string b)
    {
        int common = a.AsSpan().CommonPrefixLength(b);
        if (common == a.Length || common == b.Length)
        {
            return a.Length.CompareTo(b.Length);
        }

        return CodePointKey(a[common]).CompareTo(CodePointKey(b[common]));
    }

    // Surrogates encode code points above U+FFFF, so they must sort after every other UTF-16 unit.
    private static int CodePointKey(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
}
