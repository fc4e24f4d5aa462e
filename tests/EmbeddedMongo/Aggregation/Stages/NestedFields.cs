using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Stages;

/// <summary>Reads and writes a dotted path through embedded documents only (no array traversal), copying on write.</summary>
internal static class NestedFields
{
    public static BsonValue? Get(BsonDocument document, string[] path)
    {
        BsonValue current = document;
        foreach (string part in path)
        {
            if (current is not BsonDocument parent || !parent.TryGetValue(part, out current!))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>
    /// A copy of <paramref name="document"/> with <paramref name="value"/> at <paramref name="path"/> (removed when null);
    /// documents along the path are copied, anything else in the way is replaced by a new document.
    /// </summary>
    public static BsonDocument With(BsonDocument document, ReadOnlySpan<string> path, BsonValue? value)
    {
        var copy = new BsonDocument(document.Elements);
        if (path.Length == 1)
        {
            if (value is null)
            {
                copy.Remove(path[0]);
            }
            else
            {
                copy.Set(path[0], value);
            }

            return copy;
        }

        if (copy.TryGetValue(path[0], out BsonValue existing) && existing is BsonDocument child)
        {
            copy.Set(path[0], With(child, path[1..], value));
        }
        else if (value is not null)
        {
            copy.Set(path[0], With([], path[1..], value));
        }

        return copy;
    }
}
