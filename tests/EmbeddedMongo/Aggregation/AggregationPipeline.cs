using EmbeddedMongo.Aggregation.Stages;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation;

/// <summary>
/// A parsed aggregation pipeline. Every stage and expression is validated once by <see cref="Parse"/>; execution is
/// lazy and streams except for <c>$sort</c>, <c>$group</c> and <c>$count</c>, which need all their input. The input is
/// a collection scan, in <c>_id</c> order.
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

        // Like MongoDB's planner, which answers a leading $match + $sort on _id from the _id index: the scan is already
        // in that order, so the pipeline streams (a following $limit stops the scan) instead of sorting everything.
        int leadingMatches = parsed.TakeWhile(s => s is MatchStage).Count();
        if (leadingMatches < parsed.Length && parsed[leadingMatches] is SortStage { IsIdAscending: true })
        {
            parsed = [.. parsed[..leadingMatches], .. parsed[(leadingMatches + 1)..]];
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
