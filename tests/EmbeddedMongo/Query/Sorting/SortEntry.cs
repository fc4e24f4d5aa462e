using MongoDB.Bson;

namespace EmbeddedMongo.Query.Sorting;

/// <summary>A document with its precomputed sort keys and its input position (ties keep input order).</summary>
internal sealed class SortEntry
{
    public SortEntry(BsonDocument document, BsonValue[] keys, long position)
    {
        Document = document;
        Keys = keys;
        Position = position;
    }

    public BsonDocument Document { get; }

    public BsonValue[] Keys { get; }

    public long Position { get; }
}
