using MongoDB.Bson;

namespace EmbeddedMongo.Query;

/// <summary>A parsed find/findAndModify projection. STUB.</summary>
internal sealed class FindProjection
{
    public static FindProjection Parse(BsonDocument projection) => new();

    public BsonDocument Apply(BsonDocument document) => document;
}
