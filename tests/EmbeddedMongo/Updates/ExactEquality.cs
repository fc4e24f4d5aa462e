using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>
/// MongoDB's "binary equal": same types, same values, same field order. An update whose result is exactly equal
/// to the original is a no-op (nModified 0), and _id may only be "changed" to an exactly equal value.
/// </summary>
internal static class ExactEquality
{
    public static bool Equal(BsonValue? a, BsonValue? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a.BsonType != b.BsonType)
        {
            return false;
        }

        switch (a.BsonType)
        {
            case BsonType.Document:
                return DocumentsEqual(a.AsBsonDocument, b.AsBsonDocument);
            case BsonType.Array:
                BsonArray x = a.AsBsonArray, y = b.AsBsonArray;
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (int i = 0; i < x.Count; i++)
                {
                    if (!Equal(x[i], y[i]))
                    {
                        return false;
                    }
                }

                return true;
            case BsonType.Double:
                return BitConverter.DoubleToInt64Bits(a.AsDouble) == BitConverter.DoubleToInt64Bits(b.AsDouble);
            case BsonType.Decimal128:
                Decimal128 p = a.AsDecimal128, q = b.AsDecimal128;
                return p.GetIEEEHighBits() == q.GetIEEEHighBits() && p.GetIEEELowBits() == q.GetIEEELowBits();
            case BsonType.JavaScriptWithScope:
                return a.AsBsonJavaScriptWithScope.Code == b.AsBsonJavaScriptWithScope.Code
                    && DocumentsEqual(a.AsBsonJavaScriptWithScope.Scope, b.AsBsonJavaScriptWithScope.Scope);
            default:
                return a.Equals(b);
        }
    }

    private static bool DocumentsEqual(BsonDocument x, BsonDocument y)
    {
        if (x.ElementCount != y.ElementCount)
        {
            return false;
        }

        for (int i = 0; i < x.ElementCount; i++)
        {
            BsonElement left = x.GetElement(i), right = y.GetElement(i);
            if (!string.Equals(left.Name, right.Name, StringComparison.Ordinal) || !Equal(left.Value, right.Value))
            {
                return false;
            }
        }

        return true;
    }
}
