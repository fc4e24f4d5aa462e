using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>
/// A read, possibly still running, of the last <c>_id</c> of the batch of <see cref="Size"/> documents after
/// <see cref="After"/>; null when fewer remain.
/// </summary>
internal sealed class BoundaryRead(BsonValue after, int size, Task<BsonDocument?> task)
{
    public BsonValue After { get; } = after;

    public int Size { get; } = size;

    public Task<BsonDocument?> Task { get; } = task;

    /// <summary>Whether this read bounds the batch after <paramref name="checkpoint"/> with <paramref name="size"/> documents.</summary>
    public bool IsFor(BsonValue checkpoint, int size) => Size == size && After.Equals(checkpoint);

    /// <summary>Drops a read the job no longer needs; its failure, if any, is observed and ignored.</summary>
    public void Forget() =>
        _ = Task.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
