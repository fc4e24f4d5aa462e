using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>Reads, writes and removes dotted element paths of a <see cref="BsonDocument"/> (embedded documents only).</summary>
internal static class BsonPaths
{
    public static bool TryGet(BsonDocument document, string path, out BsonValue value)
    {
        BsonDocument current = document;
        int start = 0;
        while (true)
        {
            int dot = path.IndexOf('.', start);
            string name = dot < 0 ? path[start..] : path[start..dot];
            if (!current.TryGetValue(name, out value))
            {
                return false;
            }

            if (dot < 0)
            {
                return true;
            }

            if (!value.IsBsonDocument)
            {
                value = null!;
                return false;
            }

            current = value.AsBsonDocument;
            start = dot + 1;
        }
    }

    /// <summary>
    /// Sets the value, creating embedded documents on the way; returns false when a scalar is in the way. A new element
    /// goes right after the sibling <paramref name="afterPath"/> when given and present, else at the end.
    /// </summary>
    public static bool TrySet(BsonDocument document, string path, BsonValue value, string? afterPath = null)
    {
        string[] parts = path.Split('.');
        BsonDocument current = document;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (!current.TryGetValue(parts[i], out BsonValue next))
            {
                next = new BsonDocument();
                current[parts[i]] = next;
            }
            else if (!next.IsBsonDocument)
            {
                return false;
            }

            current = next.AsBsonDocument;
        }

        string name = parts[^1];
        int sibling = afterPath is not null && !current.Contains(name) && SameParent(path, afterPath)
            ? current.IndexOfName(afterPath[(afterPath.LastIndexOf('.') + 1)..])
            : -1;
        if (sibling >= 0)
        {
            current.InsertAt(sibling + 1, new BsonElement(name, value));
        }
        else
        {
            current[name] = value;
        }

        return true;
    }

    private static bool SameParent(string path, string other)
    {
        int dot = path.LastIndexOf('.');
        int otherDot = other.LastIndexOf('.');
        return dot == otherDot && string.CompareOrdinal(path, 0, other, 0, Math.Max(dot, 0)) == 0;
    }

    public static bool Remove(BsonDocument document, string path)
    {
        int dot = path.LastIndexOf('.');
        BsonDocument owner = document;
        if (dot >= 0)
        {
            if (!TryGet(document, path[..dot], out BsonValue parent) || !parent.IsBsonDocument)
            {
                return false;
            }

            owner = parent.AsBsonDocument;
        }

        string name = dot < 0 ? path : path[(dot + 1)..];
        if (!owner.Contains(name))
        {
            return false;
        }

        owner.Remove(name);
        return true;
    }
}
