using System.Diagnostics;
using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Telemetry;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>Persisting the run's state, poison documents and retries.</summary>
internal sealed partial class BatchJobRun
{
    private void Restore(BsonDocument job)
    {
        checkpoint = job.GetValue("checkpoint", BsonNull.Value) is { IsBsonNull: false } saved ? saved : null;
        checkpointInclusive = job.GetValue("checkpointInclusive", false).ToBoolean();
        sweeping = job.GetValue("sweeping", false).ToBoolean();
        processed = job.GetValue("processed", 0L).ToInt64();
        changed = job.GetValue("converted", 0L).ToInt64();
        var defaults = new ThrottleSettings(options.BatchSize, options.DelayBetweenBatches, options.MaxDocumentsPerSecond);
        throttle = new Throttle(JobProgressParser.Throttle(job, defaults)!, options.SlowBatchThreshold, options.MaxBackOffDelay);
        foreach (BsonDocument poison in (job.GetValue("poison", BsonNull.Value) as BsonArray ?? []).OfType<BsonDocument>())
        {
            poisonSeen.Add(poison.GetValue("id", "").ToString()!);
        }
    }

    private Task<bool> SaveProgressAsync() => SaveAsync(
        new BsonDocument
        {
            { "checkpoint", checkpoint ?? BsonNull.Value },
            { "checkpointInclusive", checkpointInclusive },
            { "sweeping", sweeping },
            { "processed", processed },
            { "converted", changed },
            { "remaining", remaining },
            { "rate", rate },
        },
        null);

    /// <summary>
    /// Writes <paramref name="set"/> (and <paramref name="push"/>), renewing the lease in the same write; the operator's
    /// commands it reads back serve the next batch. False when the lease was lost.
    /// </summary>
    private async Task<bool> SaveAsync(BsonDocument set, BsonDocument? push)
    {
        set["updatedAt"] = time.GetUtcNow().UtcDateTime;
        control = await WithRetriesAsync(ct => jobs.SaveAsync(lease, set, push, ct), CancellationToken.None).ConfigureAwait(false);
        return control is not null;
    }

    /// <summary>Records new poison documents; with the Stop policy, stops the job (the checkpoint stays before them).</summary>
    private async Task<MigrationJobOutcome?> RecordPoisonAsync(IReadOnlyList<PoisonDocument> poison)
    {
        List<PoisonDocument> fresh = poison.Where(p => poisonSeen.Add(p.DocumentId)).ToList();
        if (fresh.Count > 0)
        {
            MigrationTelemetry.PoisonDocuments.Add(fresh.Count, MigrationTelemetry.Tags(migration.Id, kind));
            foreach (PoisonDocument document in fresh)
            {
                Log.PoisonDocument(log, migration.Id, document.DocumentId, document.Error);
            }

            var push = new BsonDocument("poison", new BsonDocument
            {
                { "$each", new BsonArray(fresh.Select(p => new BsonDocument { { "id", p.DocumentId }, { "error", p.Error } })) },
                { "$slice", JobStateStore.MaxPoisonRecorded },
            });
            long total = poisonSeen.Count;
            await SaveAsync(new BsonDocument("poisonCount", total), push).ConfigureAwait(false);
        }

        if (poison.Count > 0 && options.PoisonPolicy == PoisonDocumentPolicy.Stop)
        {
            PoisonDocument first = poison[0];
            await ReleaseAsync(JobStatus.Failed, $"document {first.DocumentId}: {first.Error} (poison policy Stop; fix the document or the conversion, then run the job again)").ConfigureAwait(false);
            return MigrationJobOutcome.Failed;
        }

        return null;
    }

    private Task ReleaseAsync(JobStatus status, string? error) => ReleaseAsync(new BsonDocument
    {
        { "status", status.ToString() },
        { "lastError", error is null ? BsonNull.Value : error },
        { "checkpoint", checkpoint ?? BsonNull.Value },
        { "checkpointInclusive", checkpointInclusive },
        { "sweeping", sweeping },
        { "processed", processed },
        { "converted", changed },
        { "updatedAt", time.GetUtcNow().UtcDateTime },
    });

    /// <summary>Writes the final fields and gives the lease up; retried, so a transient error cannot turn a finished run into a failed one.</summary>
    private Task ReleaseAsync(BsonDocument set) => WithRetriesAsync(
        async ct =>
        {
            await jobs.ReleaseAsync(lease, set, ct).ConfigureAwait(false);
            return true;
        },
        CancellationToken.None);

    /// <summary>Retries transient errors with exponential back-off; other errors and cancellation pass through.</summary>
    private Task<T> WithRetriesAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        TransientErrors.RetryAsync(
            operation,
            options,
            time,
            (attempt, e, delay) =>
            {
                MigrationTelemetry.JobErrors.Add(1, Tags(e));
                Log.JobRetrying(log, migration.Id, kind, attempt, TransientErrors.Describe(e), delay);
            },
            cancellationToken);

    private TagList Tags(Exception e)
    {
        TagList tags = MigrationTelemetry.Tags(migration.Id, kind);
        tags.Add("error.type", e.GetType().Name);
        return tags;
    }
}
