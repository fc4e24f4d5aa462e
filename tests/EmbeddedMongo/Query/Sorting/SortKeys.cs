using EmbeddedMongo.Aggregation.Expressions;
using EmbeddedMongo.Bson;
using MongoDB.Bson;

namespace EmbeddedMongo.Query.Sorting;

/// <summary>
/// The sort key of a document for one field, with MongoDB's semantics: a missing value sorts as null, an array sorts
/// by its smallest element ascending and its largest descending, an empty array sorts before null.
/// </summary>
internal static class SortKeys
{
    public static BsonValue Extract(BsonDocument document, string[] path, bool ascending)
    {
        // Fast path: no array on the way, which is the common case.
        BsonValue current = document;
        for (int i = 0; i < path.Length; i++)
        {
            if (current is BsonDocument parent)
            {
                if (!parent.TryGetValue(path[i], out current!))
                {
                    return BsonNull.Value;
                }
            }
            else if (current is BsonArray)
            {
                return ExtractThroughArrays(document, path, ascending);
            }
            else
            {
                return BsonNull.Value;
            }
        }

        return current is BsonArray ? ExtractThroughArrays(document, path, ascending) : current;
    }

    /// <summary>Compares two sort keys: full BSON order, with MinKey first and undefined (an empty array) before null.</summary>
    public static int Compare(BsonValue a, BsonValue b)
    {
        if (SameTypeComparison.TryCompare(a, b, out int comparison))
        {
            return comparison;
        }

        int rankA = Rank(a), rankB = Rank(b);
        if (rankA != rankB)
        {
            return rankA.CompareTo(rankB);
        }

        return rankA == 0 ? 0 : BsonOrder.Compare(a, b);
    }

    private static int Rank(BsonValue value) => value.BsonType switch
    {
        BsonType.MinKey => -1,
        BsonType.Undefined => 0,
        _ => BsonOrder.Rank(value),
    };

    private static BsonValue ExtractThroughArrays(BsonDocument document, string[] path, bool ascending)
    {
        var values = new List<BsonValue>();
        Collect(document, path, 0, values);
        BsonValue best = values[0];
        for (int i = 1; i < values.Count; i++)
        {
            int comparison = Compare(values[i], best);
            if (ascending ? comparison < 0 : comparison > 0)
            {
                best = values[i];
            }
        }

        return best;
    }

    private static void Collect(BsonValue value, string[] path, int index, List<BsonValue> values)
    {
        if (index == path.Length)
        {
            if (value is BsonArray leaf)
            {
                if (leaf.Count == 0)
                {
                    values.Add(BsonUndefined.Value);
                }
                else
                {
                    values.AddRange(leaf);
                }
            }
            else
            {
                values.Add(value);
            }

            return;
        }

        switch (value)
        {
            case BsonDocument parent:
                if (parent.TryGetValue(path[index], out BsonValue child))
                {
                    Collect(child, path, index + 1, values);
                }
                else
                {
                    values.Add(BsonNull.Value);
                }

                break;
            case BsonArray array:
                int before = values.Count;
                if (int.TryParse(path[index], out int position) && position >= 0 && position < array.Count)
                {
                    Collect(array[position], path, index + 1, values);
                }
                else
                {
                    foreach (BsonValue element in array)
                    {
                        if (element is BsonDocument)
                        {
                            Collect(element, path, index, values);
                        }
                    }
                }

                if (values.Count == before)
                {
                    values.Add(BsonNull.Value);
                }

                break;
            default:
                values.Add(BsonNull.Value);
                break;
        }
    }
}
