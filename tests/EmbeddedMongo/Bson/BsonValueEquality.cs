using MongoDB.Bson;

namespace EmbeddedMongo.Bson;

/// <summary>
/// Equality consistent with <see cref="BsonOrder"/> (so <c>1</c>, <c>1L</c> and <c>1.0</c> are one key),
/// for grouping, <c>$addToSet</c>, <c>distinct</c> and unique indexes.
/// </summary>
internal sealed class BsonValueEquality : IEqualityComparer<BsonValue?>
{
    public static readonly BsonValueEquality Instance = new();

    public bool Equals(BsonValue? x, BsonValue? y) => BsonOrder.Compare(x, y) == 0;

    public int GetHashCode(BsonValue? value)
    {
        if (value is null)
        {
            return 5;
        }

        switch (value.BsonType)
        {
            case BsonType.Null:
            case BsonType.Undefined:
                return 5;
            case BsonType.Int32:
            case BsonType.Int64:
            case BsonType.Double:
            case BsonType.Decimal128:
                double number = value.BsonType == BsonType.Decimal128 ? (double)value.AsDecimal128 : value.ToDouble();
                return double.IsNaN(number) ? 11 : number.GetHashCode();
            case BsonType.String:
                return StringComparer.Ordinal.GetHashCode(value.AsString);
            case BsonType.Symbol:
                return StringComparer.Ordinal.GetHashCode(value.AsBsonSymbol.Name);
            case BsonType.Document:
                var documentHash = new HashCode();
                foreach (BsonElement element in value.AsBsonDocument)
                {
                    documentHash.Add(element.Name, StringComparer.Ordinal);
                    documentHash.Add(GetHashCode(element.Value));
                }

                return documentHash.ToHashCode();
            case BsonType.Array:
                var arrayHash = new HashCode();
                foreach (BsonValue item in value.AsBsonArray)
                {
                    arrayHash.Add(GetHashCode(item));
                }

                return arrayHash.ToHashCode();
            default:
                return value.GetHashCode();
        }
    }
}
