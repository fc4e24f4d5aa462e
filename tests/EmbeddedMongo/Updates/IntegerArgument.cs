using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>Reads an operator argument that must be a whole number (<c>$slice</c>, <c>$position</c>, <c>$pop</c>), as MongoDB does.</summary>
internal static class IntegerArgument
{
    public static bool TryRead(BsonValue value, out long result)
    {
        result = 0;
        switch (value.BsonType)
        {
            case BsonType.Int32:
                result = value.AsInt32;
                return true;
            case BsonType.Int64:
                result = value.AsInt64;
                return true;
            case BsonType.Double:
                double number = value.AsDouble;
                if (double.IsNaN(number) || Math.Floor(number) != number || number < -9.2233720368547758E18 || number >= 9.2233720368547758E18)
                {
                    return false;
                }

                result = (long)number;
                return true;
            case BsonType.Decimal128:
                try
                {
                    decimal exact = Decimal128.ToDecimal(value.AsDecimal128);
                    if (decimal.Truncate(exact) != exact || exact < long.MinValue || exact > long.MaxValue)
                    {
                        return false;
                    }

                    result = (long)exact;
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
}
