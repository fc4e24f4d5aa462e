using EmbeddedMongo.Aggregation;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>The aggregation source of an update pipeline: its stages never read other collections.</summary>
internal sealed class PipelineUpdateSource : IAggregationSource
{
    public static readonly PipelineUpdateSource Instance = new();

    public IEnumerable<BsonDocument> ReadCollection(string collectionName) => [];
}
