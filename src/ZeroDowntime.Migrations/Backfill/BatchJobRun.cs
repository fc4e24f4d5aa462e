using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Telemetry;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>
/// One run of a batch job (backfill or cleanup) under a lease: <c>_id</c>-ordered batches from the persisted
/// checkpoint, progress after every batch, operator commands between batches, transient errors retried, poison
/// documents recorded, then a sweep from the start for documents that appeared behind the cursor (DESIGN §6).
/// </summary>
internal sealed partial class BatchJobRun(
    JobStateStore jobs,
    IMongoCollection<BsonDocument> collection,
    IFieldMigration migration,
    string kind,
    IBatchWork work,
    BackfillOptions options,
    TimeProvider time,
    ILogger log)
{
    private readonly HashSet<string> poisonSeen = [];
    private JobLease lease = null!;
    private Throttle throttle = null!;
    private BsonValue? checkpoint;
    private bool sweeping;
    private long processed;
    private long changed;
    private long remaining;
    private double rate;

    /// <summary>Runs to the end; <paramref name="finish"/> runs once the sweep is done (the backfill verifies there).</summary>
    public async Task<MigrationJobOutcome> RunAsync(string owner, Func<CancellationToken, Task<BsonDocument>>? finish, CancellationToken cancellationToken)
    {
        JobLease? acquired = await jobs.TryAcquireAsync(migration.Id, kind, owner, cancellationToken).ConfigureAwait(false);
        if (acquired is null)
        {
            Log.JobAlreadyRunning(log, migration.Id, kind);
            return MigrationJobOutcome.AlreadyRunning;
        }

        lease = acquired;
        Restore(lease.Job);
        try
        {
            MigrationJobOutcome? stopped = await LoopAsync(cancellationToken).ConfigureAwait(false);
            if (stopped is { } outcome)
            {
                return outcome;
            }

            BsonDocument result = finish is null ? [] : await WithRetriesAsync(finish, cancellationToken).ConfigureAwait(false);
            result["status"] = JobStatus.Completed.ToString();
            result["remaining"] = 0L;
            result["updatedAt"] = time.GetUtcNow().UtcDateTime;
            await jobs.ReleaseAsync(lease, result, CancellationToken.None).ConfigureAwait(false);
            Log.JobCompleted(log, migration.Id, kind, processed, changed);
            return MigrationJobOutcome.Completed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync(JobStatus.Interrupted, null).ConfigureAwait(false);
            return MigrationJobOutcome.Interrupted;
        }
        catch (Exception e) when (e is MongoException or TimeoutException or InvalidOperationException)
        {
            MigrationTelemetry.JobErrors.Add(1, Tags(e));
            string error = Describe(e);
            Log.JobFailed(log, migration.Id, kind, error, e);
            await ReleaseAsync(JobStatus.Failed, error).ConfigureAwait(false);
            return MigrationJobOutcome.Failed;
        }
    }

    private async Task<MigrationJobOutcome?> LoopAsync(CancellationToken cancellationToken)
    {
        remaining = await WithRetriesAsync(ct => collection.CountDocumentsAsync(work.Filter, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        await SaveAsync(new BsonDocument { { "status", JobStatus.Running.ToString() }, { "lastError", BsonNull.Value } }, null).ConfigureAwait(false);
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync(JobStatus.Interrupted, null).ConfigureAwait(false);
                return MigrationJobOutcome.Interrupted;
            }

            JobControl? control = await WithRetriesAsync(ct => jobs.RenewAsync(lease, ct), cancellationToken).ConfigureAwait(false);
            if (control is null)
            {
                Log.JobLeaseLost(log, migration.Id, kind, lease.Owner);
                return MigrationJobOutcome.LeaseLost;
            }

            if (control.Command is "pause" or "cancel")
            {
                bool pause = control.Command == "pause";
                await ReleaseAsync(pause ? JobStatus.Paused : JobStatus.Cancelled, null).ConfigureAwait(false);
                return pause ? MigrationJobOutcome.Paused : MigrationJobOutcome.Cancelled;
            }

            if (control.Throttle is { } retuned && retuned != throttle.Settings)
            {
                throttle.Retune(retuned);
            }

            if (await RunBatchAsync(cancellationToken).ConfigureAwait(false) is { } outcome)
            {
                return outcome == MigrationJobOutcome.Completed ? null : outcome;
            }
        }
    }

    /// <summary>One batch; returns an outcome when the job must stop (Completed when there is nothing left).</summary>
    private async Task<MigrationJobOutcome?> RunBatchAsync(CancellationToken cancellationToken)
    {
        long started = time.GetTimestamp();
        using Activity? activity = MigrationTelemetry.ActivitySource.StartActivity("zdm.job.batch");
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("zdm.migration", migration.Id);
            activity.SetTag("zdm.job", kind);
            activity.SetTag("zdm.sweep", sweeping);
        }

        List<BsonDocument> batch = await WithRetriesAsync(ReadBatchAsync, cancellationToken).ConfigureAwait(false);
        if (batch.Count == 0)
        {
            if (sweeping)
            {
                return MigrationJobOutcome.Completed;
            }

            // End of the first pass: sweep once more from the start for documents written behind the cursor.
            sweeping = true;
            checkpoint = null;
            await SaveAsync(new BsonDocument { { "sweeping", true }, { "checkpoint", BsonNull.Value } }, null).ConfigureAwait(false);
            return null;
        }

        BatchOutcome outcome = await WithRetriesAsync(ct => work.ApplyAsync(batch, ct), cancellationToken).ConfigureAwait(false);
        if (await RecordPoisonAsync(outcome.Poison).ConfigureAwait(false) is { } stopped)
        {
            return stopped;
        }

        checkpoint = batch[^1]["_id"];
        processed += batch.Count;
        changed += outcome.Changed;
        remaining = Math.Max(0, remaining - outcome.Changed);
        TimeSpan elapsed = time.GetElapsedTime(started);
        double batchRate = batch.Count / Math.Max(elapsed.TotalSeconds, 1e-6);
        rate = rate == 0 ? batchRate : (0.7 * rate) + (0.3 * batchRate);
        TagList tags = MigrationTelemetry.Tags(migration.Id, kind);
        MigrationTelemetry.DocumentsProcessed.Add(batch.Count, tags);
        MigrationTelemetry.DocumentsConverted.Add(outcome.Changed, tags);
        MigrationTelemetry.BatchDuration.Record(elapsed.TotalSeconds, tags);
        activity?.SetTag("zdm.batch.documents", batch.Count);

        if (!await SaveProgressAsync().ConfigureAwait(false))
        {
            Log.JobLeaseLost(log, migration.Id, kind, lease.Owner);
            return MigrationJobOutcome.LeaseLost;
        }

        TimeSpan pause = throttle.After(batch.Count, time.GetElapsedTime(started));
        if (pause > TimeSpan.Zero)
        {
            await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<List<BsonDocument>> ReadBatchAsync(CancellationToken cancellationToken)
    {
        var filter = new BsonDocument(work.Filter);
        if (checkpoint is not null)
        {
            filter = new BsonDocument("$and", new BsonArray { new BsonDocument("_id", new BsonDocument("$gt", checkpoint)), work.Filter });
        }

        return await collection.Find(filter)
            .Sort(new BsonDocument("_id", 1))
            .Limit(throttle.Settings.BatchSize)
            .Project(work.Projection)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
