using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>What one kind of job does to a batch. The job loop reads batches in <c>_id</c> order with <see cref="Filter"/>.</summary>
internal interface IBatchWork
{
    /// <summary>The documents still to process (the loop adds the <c>_id</c> checkpoint).</summary>
    BsonDocument Filter { get; }

    /// <summary>The fields to read of each document.</summary>
    BsonDocument Projection { get; }

    /// <summary>Processes a batch; conversion failures are returned as poison documents, database errors thrown.</summary>
    Task<BatchOutcome> ApplyAsync(IReadOnlyList<BsonDocument> batch, CancellationToken cancellationToken);
}

/// <summary>
/// Work the server does on a whole <c>_id</c> range (server-side conversion): the loop reads only the last <c>_id</c> of
/// each full batch instead of every document's, and the server finds the documents again by range.
/// </summary>
internal interface IRangeBatchWork : IBatchWork
{
    /// <summary>Processes the documents matching <see cref="IBatchWork.Filter"/> with <c>after &lt; _id ≤ upTo</c>; <see cref="BatchOutcome.Examined"/> says how many.</summary>
    Task<BatchOutcome> ApplyRangeAsync(BsonValue? after, BsonValue upTo, CancellationToken cancellationToken);
}

/// <summary>What a batch did: documents changed, documents that could not be converted, and (for a range) documents examined.</summary>
internal sealed record BatchOutcome(long Changed, IReadOnlyList<PoisonDocument> Poison, long Examined = 0)
{
    public static BatchOutcome Of(long changed) => new(changed, []);
}
