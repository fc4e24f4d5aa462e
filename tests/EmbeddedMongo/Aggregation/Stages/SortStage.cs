using EmbeddedMongo.Query;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Stages;

/// <summary><c>$sort</c>: blocks, then streams the sorted documents; a following <c>$limit</c> makes it a top-k sort.</summary>
internal sealed class SortStage : PipelineStage
{
    private readonly SortSpecification sort;
    private readonly long? limit;

    private SortStage(SortSpecification sort, long? limit)
    {
        this.sort = sort;
        this.limit = limit;
    }

    public static SortStage Parse(BsonValue specification)
    {
        if (!specification.IsBsonDocument)
        {
            throw AggregationErrors.Fail(15973, "the $sort key specification must be an object");
        }

        SortSpecification sort = SortSpecification.Parse(specification.AsBsonDocument);
        return sort.IsEmpty ? throw AggregationErrors.Fail(15976, "$sort stage must have at least one sort key") : new SortStage(sort, null);
    }

    /// <summary>Whether the stage sorts by <c>_id</c> ascending: a no-op on documents already in <c>_id</c> order.</summary>
    public bool IsIdAscending => sort.IdOrderDescending == false;

    /// <summary>The same sort keeping only the first <paramref name="count"/> documents (MongoDB coalesces $sort + $limit).</summary>
    public SortStage WithLimit(long count) => new(sort, limit is long existing ? Math.Min(existing, count) : count);

    public override IEnumerable<BsonDocument> Execute(IEnumerable<BsonDocument> input, IAggregationSource source)
    {
        foreach (BsonDocument document in sort.Sort(input, limit))
        {
            yield return document;
        }
    }
}
