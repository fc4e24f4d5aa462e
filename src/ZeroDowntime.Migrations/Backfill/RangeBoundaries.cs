using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>
/// The last <c>_id</c> of each coming full batch of a range pass, read several batches ahead: one aggregation walks the
/// next documents still to process in <c>_id</c> order (at most <see cref="DocumentsPerRead"/>, or one batch) and
/// returns every batch-size-th <c>_id</c>, so the server is asked once per several batches instead of once per batch.
/// The read-ahead is dropped when the batch size changes or the checkpoint is not where the last boundary left it.
/// </summary>
internal sealed class RangeBoundaries(IMongoCollection<BsonDocument> collection)
{
    /// <summary>How many documents one read walks at most (the server holds their <c>_id</c>s while it runs).</summary>
    internal const int DocumentsPerRead = 10_000;

    private readonly Queue<BsonValue> ahead = new();
    private BsonValue? continuesFrom;
    private int batchSize;

    /// <summary>
    /// The last <c>_id</c> of the next full batch after <paramref name="checkpoint"/> among the documents matching
    /// <paramref name="remaining"/> (which holds the checkpoint's bound); null when less than a batch remains.
    /// </summary>
    public async Task<BsonValue?> NextAsync(BsonValue checkpoint, BsonDocument remaining, int size, CancellationToken cancellationToken)
    {
        if (size != batchSize || !checkpoint.Equals(continuesFrom))
        {
            ahead.Clear();
            batchSize = size;
        }

        if (ahead.Count == 0)
        {
            foreach (BsonValue boundary in await ReadAsync(remaining, size, cancellationToken).ConfigureAwait(false))
            {
                ahead.Enqueue(boundary);
            }
        }

        continuesFrom = ahead.TryDequeue(out BsonValue? next) ? next : null;
        return continuesFrom;
    }

    private async Task<List<BsonValue>> ReadAsync(BsonDocument remaining, int size, CancellationToken cancellationToken)
    {
        int batches = Math.Max(1, DocumentsPerRead / size);
        var positions = new BsonArray(Enumerable.Range(1, batches).Select(k => (k * size) - 1));
        PipelineDefinition<BsonDocument, BsonDocument> pipeline = new BsonDocument[]
        {
            new("$match", remaining),
            new("$sort", new BsonDocument("_id", 1)),
            new("$limit", (long)batches * size),
            // One group over a sorted stream keeps its order in $push (on a sharded collection too: the merge is sorted
            // before the $limit, and everything after it runs on the merging node).
            new("$group", new BsonDocument { { "_id", BsonNull.Value }, { "ids", new BsonDocument("$push", "$_id") } }),
            new("$project", new BsonDocument
            {
                { "_id", 0 },
                { "walked", new BsonDocument("$size", "$ids") },
                { "boundaries", new BsonDocument("$map", new BsonDocument { { "input", positions }, { "in", new BsonDocument("$arrayElemAt", new BsonArray { "$ids", "$$this" }) } }) },
            }),
        };
        BsonDocument? result = await collection.Aggregate(pipeline, cancellationToken: cancellationToken).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return [];
        }

        long full = result["walked"].ToInt64() / size;
        return result["boundaries"].AsBsonArray.Take((int)full).ToList();
    }
}
