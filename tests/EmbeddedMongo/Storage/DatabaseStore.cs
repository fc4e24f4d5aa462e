using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Storage;

/// <summary>One database: its collections and the single lock every command on it takes.</summary>
internal sealed class DatabaseStore(string name)
{
    private readonly Dictionary<string, CollectionStore> collections = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>Held for the whole of each command on this database, which makes every command atomic.</summary>
    public Lock Gate { get; } = new();

    public IEnumerable<CollectionStore> Collections => collections.Values.OrderBy(c => c.Name, StringComparer.Ordinal);

    public CollectionStore? Find(string collection) => collections.TryGetValue(collection, out CollectionStore? store) ? store : null;

    /// <summary>Gets a collection, creating it as MongoDB does on first write.</summary>
    public CollectionStore GetOrCreate(string collection)
    {
        if (!collections.TryGetValue(collection, out CollectionStore? store))
        {
            ValidateName(collection);
            store = new CollectionStore(collection, []);
            collections.Add(collection, store);
        }

        return store;
    }

    /// <summary>The <c>create</c> command: refuses an existing name.</summary>
    public CollectionStore Create(string collection, BsonDocument options)
    {
        ValidateName(collection);
        if (collections.ContainsKey(collection))
        {
            throw new MongoCommandException(ErrorCode.NamespaceExists, $"Collection {Name}.{collection} already exists.");
        }

        var store = new CollectionStore(collection, options);
        collections.Add(collection, store);
        return store;
    }

    public bool Drop(string collection) => collections.Remove(collection);

    public void Clear() => collections.Clear();

    private void ValidateName(string collection)
    {
        if (collection.Length == 0 || collection.Contains('$', StringComparison.Ordinal) || collection.Contains('\0', StringComparison.Ordinal))
        {
            throw new MongoCommandException(ErrorCode.InvalidNamespace, $"Invalid collection name: '{Name}.{collection}'");
        }
    }
}
