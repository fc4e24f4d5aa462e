using MongoDB.Bson;

namespace EmbeddedMongo.Bson;

/// <summary>
/// MongoDB's comparison order for BSON values (type brackets first, then values). A C# <c>null</c>
/// stands for a missing value and compares as BSON null, as MongoDB does.
/// </summary>
internal static class BsonOrder
{
    public static readonly IComparer<BsonValue?> Comparer = Comparer<BsonValue?>.Create(Compare);

    /// <summary>The canonical type rank: values of different ranks never compare equal.</summary>
    public static int Rank(BsonValue? value) => value is null ? 5 : value.BsonType switch
    {
        BsonType.MinKey => 1,
        BsonType.Undefined or BsonType.Null => 5,
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => 10,
        BsonType.String or BsonType.Symbol => 15,
        BsonType.Document => 20,
        BsonType.Array => 25,
        BsonType.Binary => 30,
        BsonType.ObjectId => 35,
        BsonType.Boolean => 40,
        BsonType.DateTime => 45,
        BsonType.Timestamp => 47,
        BsonType.RegularExpression => 50,
        BsonType.JavaScript => 60,
        BsonType.JavaScriptWithScope => 65,
        BsonType.MaxKey => 127,
        _ => 100,
    };

    public static bool SameBracket(BsonValue? a, BsonValue? b) => Rank(a) == Rank(b);

    public static bool IsNumber(BsonValue? value) => value is not null && Rank(value) == 10;

    public static bool IsNullOrMissing(BsonValue? value) => value is null || value.IsBsonNull || value.IsBsonUndefined;

    public static bool Equal(BsonValue? a, BsonValue? b) => Compare(a, b) == 0;

    public static int Compare(BsonValue? a, BsonValue? b)
    {
        int rankA = Rank(a), rankB = Rank(b);
        if (rankA != rankB)
        {
            return rankA.CompareTo(rankB);
        }

        if (a is null || b is null)
        {
            return 0; // both null-ish
        }

        return a.BsonType switch
        {
            BsonType.MinKey or BsonType.MaxKey or BsonType.Null or BsonType.Undefined => 0,
            BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => CompareNumbers(a, b),
            BsonType.String or BsonType.Symbol => CompareStrings(StringOf(a), StringOf(b)),
            BsonType.Document => CompareDocuments(a.AsBsonDocument, b.AsBsonDocument),
            BsonType.Array => CompareArrays(a.AsBsonArray, b.AsBsonArray),
            BsonType.Binary => CompareBinary(a.AsBsonBinaryData, b.AsBsonBinaryData),
            BsonType.ObjectId => a.AsObjectId.CompareTo(b.AsObjectId),
            BsonType.Boolean => a.AsBoolean.CompareTo(b.AsBoolean),
            BsonType.DateTime => a.AsBsonDateTime.MillisecondsSinceEpoch.CompareTo(b.AsBsonDateTime.MillisecondsSinceEpoch),
            BsonType.Timestamp => ((ulong)a.AsBsonTimestamp.Value).CompareTo((ulong)b.AsBsonTimestamp.Value),
            BsonType.RegularExpression => CompareRegex(a.AsBsonRegularExpression, b.AsBsonRegularExpression),
            BsonType.JavaScript => CompareStrings(a.AsBsonJavaScript.Code, b.AsBsonJavaScript.Code),
            BsonType.JavaScriptWithScope => CompareCodeWithScope(a.AsBsonJavaScriptWithScope, b.AsBsonJavaScriptWithScope),
            _ => 0,
        };
    }

    /// <summary>Compares strings by Unicode code point, which is the order of their UTF-8 bytes (MongoDB's binary collation).</summary>
    public static int CompareStrings(string a, string b)
    {
        int length = Math.Min(a.Length, b.Length);
        for (int i = 0; i < length; i++)
        {
            char x = a[i], y = b[i];
            if (x != y)
            {
                return CodePointKey(x).CompareTo(CodePointKey(y));
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    // Surrogates encode code points above U+FFFF, so they must sort after every other UTF-16 unit.
    private static int CodePointKey(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;

    private static string StringOf(BsonValue value) => value.BsonType == BsonType.Symbol ? value.AsBsonSymbol.Name : value.AsString;

    public static int CompareNumbers(BsonValue a, BsonValue b)
    {
        bool aIntegral = a.BsonType is BsonType.Int32 or BsonType.Int64;
        bool bIntegral = b.BsonType is BsonType.Int32 or BsonType.Int64;
        if (aIntegral && bIntegral)
        {
            return a.ToInt64().CompareTo(b.ToInt64());
        }

        if (a.BsonType == BsonType.Decimal128 || b.BsonType == BsonType.Decimal128)
        {
            return CompareDecimals(a, b);
        }

        double x = a.ToDouble(), y = b.ToDouble();
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            // NaN sorts below every other number and equals itself.
            return double.IsNaN(x) ? (double.IsNaN(y) ? 0 : -1) : 1;
        }

        int byDouble = x.CompareTo(y);
        if (byDouble != 0 || !(aIntegral || bIntegral))
        {
            return byDouble;
        }

        // A long beyond 2^53 may round to the double it is compared with: settle it exactly.
        return aIntegral ? CompareLongWithDouble(a.ToInt64(), y) : -CompareLongWithDouble(b.ToInt64(), x);
    }

    private static int CompareLongWithDouble(long value, double other)
    {
        if (other >= 9.2233720368547758E18)
        {
            return -1;
        }

        if (other < -9.2233720368547758E18)
        {
            return 1;
        }

        long truncated = (long)other;
        int byInteger = value.CompareTo(truncated);
        return byInteger != 0 ? byInteger : -(other - truncated).CompareTo(0.0);
    }

    private static int CompareDecimals(BsonValue a, BsonValue b)
    {
        // NaN sorts below every number; infinities bound the finite values; finite values compare exactly.
        int rankA = SpecialRank(a), rankB = SpecialRank(b);
        if (rankA != 0 || rankB != 0)
        {
            return rankA.CompareTo(rankB);
        }

        return ExactNumber.Compare(ExactNumber.From(a), ExactNumber.From(b));
    }

    /// <summary>-2 for NaN, -1 for -infinity, 1 for +infinity, 0 for a finite number.</summary>
    private static int SpecialRank(BsonValue value)
    {
        if (value.BsonType == BsonType.Decimal128)
        {
            Decimal128 d = value.AsDecimal128;
            return Decimal128.IsNaN(d) ? -2 : Decimal128.IsInfinity(d) ? (Decimal128.IsNegative(d) ? -1 : 1) : 0;
        }

        if (value.BsonType == BsonType.Double)
        {
            double d = value.AsDouble;
            return double.IsNaN(d) ? -2 : double.IsInfinity(d) ? (d < 0 ? -1 : 1) : 0;
        }

        return 0;
    }

    /// <summary>Field by field: the value's type rank, then the field name, then the value; field order matters.</summary>
    public static int CompareDocuments(BsonDocument a, BsonDocument b)
    {
        int count = Math.Min(a.ElementCount, b.ElementCount);
        for (int i = 0; i < count; i++)
        {
            BsonElement x = a.GetElement(i), y = b.GetElement(i);
            int byRank = Rank(x.Value).CompareTo(Rank(y.Value));
            if (byRank != 0)
            {
                return byRank;
            }

            int byName = CompareStrings(x.Name, y.Name);
            if (byName != 0)
            {
                return byName;
            }

            int byValue = Compare(x.Value, y.Value);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return a.ElementCount.CompareTo(b.ElementCount);
    }

    public static int CompareArrays(BsonArray a, BsonArray b)
    {
        int count = Math.Min(a.Count, b.Count);
        for (int i = 0; i < count; i++)
        {
            int byRank = Rank(a[i]).CompareTo(Rank(b[i]));
            if (byRank != 0)
            {
                return byRank;
            }

            int byValue = Compare(a[i], b[i]);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    private static int CompareBinary(BsonBinaryData a, BsonBinaryData b)
    {
        int byLength = a.Bytes.Length.CompareTo(b.Bytes.Length);
        if (byLength != 0)
        {
            return byLength;
        }

        int bySubType = ((byte)a.SubType).CompareTo((byte)b.SubType);
        return bySubType != 0 ? bySubType : a.Bytes.AsSpan().SequenceCompareTo(b.Bytes);
    }

    private static int CompareRegex(BsonRegularExpression a, BsonRegularExpression b)
    {
        int byPattern = CompareStrings(a.Pattern, b.Pattern);
        return byPattern != 0 ? byPattern : CompareStrings(a.Options, b.Options);
    }

    private static int CompareCodeWithScope(BsonJavaScriptWithScope a, BsonJavaScriptWithScope b)
    {
        int byCode = CompareStrings(a.Code, b.Code);
        return byCode != 0 ? byCode : CompareDocuments(a.Scope, b.Scope);
    }
}
