using EmbeddedMongo.Bson;
using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>
/// The <c>$sort</c> clause of <c>$push</c>: 1/-1 sorts whole elements, <c>{field: 1/-1}</c> sorts by embedded
/// fields (a missing field, or a non-document element, sorts as null).
/// </summary>
internal sealed class PushSortOrder : IComparer<BsonValue>
{
    private readonly int wholeDirection;
    private readonly List<(string[] Path, int Direction)> keys = [];

    public PushSortOrder(BsonValue clause)
    {
        if (clause is BsonDocument pattern)
        {
            if (pattern.ElementCount == 0)
            {
                throw MongoCommandException.BadValue("The $sort pattern is empty when it should be a set of fields.");
            }

            foreach (BsonElement field in pattern)
            {
                int direction = Direction(field.Value);
                string[] parts = field.Name.Split('.');
                if (field.Name.Length == 0)
                {
                    throw MongoCommandException.BadValue("The $sort field cannot be empty");
                }

                if (Array.Exists(parts, part => part.Length == 0))
                {
                    throw MongoCommandException.BadValue($"The $sort field is a dotted field but has an empty part: {field.Name}");
                }

                keys.Add((parts, direction));
            }
        }
        else if (BsonOrder.IsNumber(clause))
        {
            wholeDirection = Direction(clause);
        }
        else
        {
            throw MongoCommandException.BadValue(
                "The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields");
        }
    }

    public int Compare(BsonValue? x, BsonValue? y)
    {
        if (keys.Count == 0)
        {
            return wholeDirection * BsonOrder.Compare(x, y);
        }

        foreach ((string[] path, int direction) in keys)
        {
            int comparison = BsonOrder.Compare(KeyOf(x, path), KeyOf(y, path));
            if (comparison != 0)
            {
                return direction * comparison;
            }
        }

        return 0;
    }

    private static int Direction(BsonValue value)
    {
        double order = BsonOrder.IsNumber(value) ? value.ToDouble() : 0;
        return order is 1 or -1 ? (int)order : throw MongoCommandException.BadValue("The $sort element value must be either 1 or -1");
    }

    // Dotted lookup without array traversal (a numeric component indexes an array), null when missing.
    private static BsonValue KeyOf(BsonValue? element, string[] path)
    {
        BsonValue? current = element is BsonDocument ? element : null;
        foreach (string part in path)
        {
            current = current switch
            {
                BsonDocument document => document.TryGetValue(part, out BsonValue next) ? next : null,
                BsonArray array when ElementRef.TryParseIndex(part, out int position) && position < array.Count => array[position],
                _ => null,
            };
        }

        return current ?? BsonNull.Value;
    }
}
