using EmbeddedMongo.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>
/// The order MongoDB 5+ applies sibling fields in (and so appends new ones): numeric names numerically,
/// other names lexicographically.
/// </summary>
internal sealed class FieldNameOrder : IComparer<string>
{
    public static readonly FieldNameOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        if (ElementRef.TryParseIndex(x, out int left) && ElementRef.TryParseIndex(y, out int right) && left != right)
        {
            return left.CompareTo(right);
        }

        return BsonOrder.CompareStrings(x, y);
    }
}
