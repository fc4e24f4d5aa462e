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

/// <summary>What a batch did: documents changed, and documents that could not be converted.</summary>
internal sealed record BatchOutcome(long Changed, IReadOnlyList<PoisonDocument> Poison)
{
    public static BatchOutcome Of(long changed) => new(changed, []);
}
