using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Stages;

/// <summary>One parsed stage of a pipeline; stages never modify their input documents.</summary>
internal abstract class PipelineStage
{
    public abstract IEnumerable<BsonDocument> Execute(IEnumerable<BsonDocument> input, IAggregationSource source);
}
