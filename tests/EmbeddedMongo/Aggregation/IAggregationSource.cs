using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation;

/// <summary>Gives pipeline stages such as <c>$lookup</c> the documents of another collection of the same database.</summary>
internal interface IAggregationSource
{
    /// <summary>The documents of <paramref name="collectionName"/> in the current database; empty when it does not exist.</summary>
    IEnumerable<BsonDocument> ReadCollection(string collectionName);
}
