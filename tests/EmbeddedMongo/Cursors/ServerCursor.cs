using MongoDB.Bson;

namespace EmbeddedMongo.Cursors;

/// <summary>An open cursor: the rest of a result that was computed under the database lock.</summary>
internal sealed class ServerCursor(string databaseName, string collectionName, IEnumerator<BsonDocument> remaining)
{
    public long Id { get; set; }

    public string DatabaseName { get; } = databaseName;

    public string CollectionName { get; } = collectionName;

    public string Namespace => DatabaseName + "." + CollectionName;

    public IEnumerator<BsonDocument> Remaining { get; } = remaining;

    /// <summary>Whether <see cref="Remaining"/> has a current element not yet returned (peeked past a batch end).</summary>
    public bool HasPeeked { get; set; }
}
