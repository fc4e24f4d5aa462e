using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation;

/// <summary>A parsed aggregation pipeline. STUB.</summary>
internal sealed class AggregationPipeline
{
    public static AggregationPipeline Parse(IReadOnlyList<BsonDocument> stages) => new();

    public IEnumerable<BsonDocument> Execute(IEnumerable<BsonDocument> input, IAggregationSource source) => input;
}
