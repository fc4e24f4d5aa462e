using MongoDB.Bson;

namespace EmbeddedMongo.Query;

/// <summary>A parsed sort document ordering documents by BSON comparison order. STUB.</summary>
internal sealed class SortSpecification : IComparer<BsonDocument>
{
    private SortSpecification(BsonDocument sort) => Document = sort;

    public BsonDocument Document { get; }

    public static SortSpecification Parse(BsonDocument sort) => new(sort);

    public int Compare(BsonDocument? x, BsonDocument? y) => 0;
}
