using System.Globalization;
using System.Numerics;
using MongoDB.Bson;

namespace EmbeddedMongo.Bson;

/// <summary>
/// A finite number as sign × coefficient × 10^exp10 × 2^exp2, so that doubles, longs and Decimal128 values compare
/// exactly, as MongoDB does (0.1 as a double is not the decimal 0.1).
/// </summary>
internal readonly record struct ExactNumber(int Sign, BigInteger Coefficient, int Exp10, int Exp2)
{
    public static ExactNumber FromInt64(long value) => new(Math.Sign(value), BigInteger.Abs(value), 0, 0);

    /// <summary>Decomposes a finite double exactly (mantissa × 2^exponent).</summary>
    public static ExactNumber FromDouble(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1; // subnormal
        }
        else
        {
            mantissa |= 1L << 52;
        }

        return mantissa == 0 ? default : new ExactNumber(bits < 0 ? -1 : 1, mantissa, 0, exponent - 1075);
    }

    /// <summary>Reads a finite Decimal128 exactly from its canonical string form.</summary>
    public static ExactNumber FromDecimal128(Decimal128 value)
    {
        string text = value.ToString();
        int sign = text.StartsWith('-') ? -1 : 1;
        text = text.TrimStart('-', '+');
        int exp10 = 0;
        int e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp10 = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        int dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            exp10 -= text.Length - dot - 1;
            text = text.Remove(dot, 1);
        }

        BigInteger coefficient = BigInteger.Parse(text, CultureInfo.InvariantCulture);
        return coefficient.IsZero ? default : new ExactNumber(sign, coefficient, exp10, 0);
    }

    public static int Compare(ExactNumber a, ExactNumber b)
    {
        if (a.Sign != b.Sign)
        {
            return a.Sign.CompareTo(b.Sign);
        }

        if (a.Sign == 0)
        {
            return 0;
        }

        int min10 = Math.Min(a.Exp10, b.Exp10), min2 = Math.Min(a.Exp2, b.Exp2);
        BigInteger left = a.Coefficient * BigInteger.Pow(10, a.Exp10 - min10) * BigInteger.Pow(2, a.Exp2 - min2);
        BigInteger right = b.Coefficient * BigInteger.Pow(10, b.Exp10 - min10) * BigInteger.Pow(2, b.Exp2 - min2);
        return a.Sign * left.CompareTo(right);
    }

    public static ExactNumber From(BsonValue value) => value.BsonType switch
    {
        BsonType.Int32 => FromInt64(value.AsInt32),
        BsonType.Int64 => FromInt64(value.AsInt64),
        BsonType.Double => FromDouble(value.AsDouble),
        _ => FromDecimal128(value.AsDecimal128),
    };
}
