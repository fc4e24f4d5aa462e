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

    /// <summary>Sets the value, creating embedded documents on the way; returns false when a scalar is in the way.</summary>
    public static bool TrySet(BsonDocument document, string path, BsonValue value)
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

        current[parts[^1]] = value;
        return true;
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
