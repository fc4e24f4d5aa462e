using MongoDB.Bson;

namespace EmbeddedMongo.Storage;

/// <summary>Reads the values a dotted path reaches, descending into arrays as MongoDB's indexes and <c>distinct</c> do.</summary>
internal static class DocumentPath
{
    /// <summary>
    /// The values at <paramref name="path"/>: arrays met on the way are traversed element by element (or indexed by a
    /// numeric component), and an array at the end contributes its elements. Missing gives an empty list.
    /// </summary>
    public static List<BsonValue> Collect(BsonDocument document, string path)
    {
        var values = new List<BsonValue>();
        Collect(document, path.Split('.'), 0, values);
        return values;
    }

    private static void Collect(BsonValue current, string[] parts, int index, List<BsonValue> values)
    {
        if (index == parts.Length)
        {
            if (current.IsBsonArray)
            {
                values.AddRange(current.AsBsonArray);
            }
            else
            {
                values.Add(current);
            }

            return;
        }

        if (current.IsBsonDocument)
        {
            if (current.AsBsonDocument.TryGetValue(parts[index], out BsonValue next))
            {
                Collect(next, parts, index + 1, values);
            }
        }
        else if (current.IsBsonArray)
        {
            BsonArray array = current.AsBsonArray;
            if (int.TryParse(parts[index], out int position) && position >= 0)
            {
                if (position < array.Count)
                {
                    Collect(array[position], parts, index + 1, values);
                }

                return;
            }

            foreach (BsonValue element in array)
            {
                if (element.IsBsonDocument)
                {
                    Collect(element, parts, index, values);
                }
            }
        }
    }
}
