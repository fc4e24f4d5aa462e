using EmbeddedMongo.Aggregation.Stages;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation;

/// <summary>
/// A parsed aggregation pipeline. Every stage and expression is validated once by <see cref="Parse"/>; execution is
/// lazy and streams except for <c>$sort</c>, <c>$group</c> and <c>$count</c>, which need all their input.
/// </summary>
internal sealed class AggregationPipeline
{
    private readonly PipelineStage[] stages;

    private AggregationPipeline(PipelineStage[] stages) => this.stages = stages;

    public static AggregationPipeline Parse(IReadOnlyList<BsonDocument> stages)
    {
        PipelineStage[] parsed = stages.Select(StageParser.Parse).ToArray();
        for (int i = 0; i < parsed.Length; i++)
        {
            // Like MongoDB, a $sort followed by $limit (possibly after a $skip) only keeps the documents it needs.
            if (parsed[i] is SortStage sort && LimitAfter(parsed, i + 1) is long limit)
            {
                parsed[i] = sort.WithLimit(limit);
            }
        }

        return new AggregationPipeline(parsed);
    }

    public IEnumerable<BsonDocument> Execute(IEnumerable<BsonDocument> input, IAggregationSource source)
    {
        IEnumerable<BsonDocument> current = input;
        foreach (PipelineStage stage in stages)
        {
            current = stage.Execute(current, source);
        }

        return current;
    }

    private static long? LimitAfter(PipelineStage[] stages, int index)
    {
        long skipped = 0;
        for (; index < stages.Length && stages[index] is SkipLimitStage stage; index++)
        {
            if (stage.IsLimit)
            {
                return skipped + stage.Count < 0 ? null : skipped + stage.Count;
            }

            skipped += stage.Count;
        }

        return null;
    }
}
