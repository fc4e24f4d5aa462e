using System.Collections.Concurrent;

namespace EmbeddedMongo.Storage;

/// <summary>All databases of the server, in memory.</summary>
internal sealed class StorageEngine
{
    private readonly ConcurrentDictionary<string, DatabaseStore> databases = new(StringComparer.Ordinal);

    public DatabaseStore GetOrCreate(string name) => databases.GetOrAdd(name, n => new DatabaseStore(n));

    public DatabaseStore? Find(string name) => databases.TryGetValue(name, out DatabaseStore? database) ? database : null;

    public IEnumerable<DatabaseStore> All => databases.Values.OrderBy(d => d.Name, StringComparer.Ordinal);

    public bool Drop(string name)
    {
        if (!databases.TryRemove(name, out DatabaseStore? database))
        {
            return false;
        }

        lock (database.Gate)
        {
            database.Clear();
        }

        return true;
    }
}
