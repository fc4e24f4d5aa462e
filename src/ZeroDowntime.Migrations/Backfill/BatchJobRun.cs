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
    private readonly RangeBoundaries boundaries = new(collection);
    private JobLease lease = null!;
    private JobControl? control; // What the last write read back with the lease renewed; null: renew before the next batch.
    private Throttle throttle = null!;
    private BsonValue? checkpoint;
    private bool checkpointInclusive;
    private bool sweeping;
    private long processed;
    private long changed;
    private long remaining;
    private double rate;

    /// <summary>Runs to the end; <paramref name="finish"/> runs once the sweep is done (the backfill verifies there).</summary>
    public async Task<MigrationJobOutcome> RunAsync(string owner, Func<CancellationToken, Task<BsonDocument>>? finish, CancellationToken cancellationToken)
    {
        JobLease? acquired = await WithRetriesAsync(ct => jobs.TryAcquireAsync(migration.Id, kind, owner, ct), cancellationToken).ConfigureAwait(false);
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
            await ReleaseAsync(result).ConfigureAwait(false);
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
            string error = TransientErrors.Describe(e); // Not the exception: its message may quote values (a duplicate key).
            Log.JobFailed(log, migration.Id, kind, error);
            await ReleaseAsync(JobStatus.Failed, error).ConfigureAwait(false);
            return MigrationJobOutcome.Failed;
        }
    }

    private async Task<MigrationJobOutcome?> LoopAsync(CancellationToken cancellationToken)
    {
        // From the collection's metadata, not a count: counting would scan the whole collection before the first batch.
        long estimated = await WithRetriesAsync(ct => collection.EstimatedDocumentCountAsync(cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        remaining = sweeping ? 0 : Math.Max(0, estimated - processed);
        await SaveAsync(new BsonDocument { { "status", JobStatus.Running.ToString() }, { "lastError", BsonNull.Value }, { "remaining", remaining } }, null).ConfigureAwait(false);
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync(JobStatus.Interrupted, null).ConfigureAwait(false);
                return MigrationJobOutcome.Interrupted;
            }

            // The last write renewed the lease and read the commands, unless a throttle pause came after it.
            JobControl? current = control ?? await WithRetriesAsync(ct => jobs.RenewAsync(lease, ct), cancellationToken).ConfigureAwait(false);
            control = null;
            if (current is null)
            {
                Log.JobLeaseLost(log, migration.Id, kind, lease.Owner);
                return MigrationJobOutcome.LeaseLost;
            }

            if (current.Command is "pause" or "cancel")
            {
                bool pause = current.Command == "pause";
                await ReleaseAsync(pause ? JobStatus.Paused : JobStatus.Cancelled, null).ConfigureAwait(false);
                return pause ? MigrationJobOutcome.Paused : MigrationJobOutcome.Cancelled;
            }

            if (current.Throttle is { } retuned && retuned != throttle.Settings)
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
        using Activity? activity = MigrationTelemetry.ActivitySource.HasListeners()
            ? MigrationTelemetry.ActivitySource.StartActivity(
                "zdm.job.batch",
                ActivityKind.Internal,
                parentContext: default,
                tags: [new("zdm.migration", migration.Id), new("zdm.job", kind), new("zdm.sweep", sweeping)])
            : null;

        // A full batch of server-side work goes by _id range; otherwise (client-side work, or the tail of a pass) by documents.
        (BatchOutcome Outcome, long Documents, BsonValue Last)? done = work is IRangeBatchWork ranged
            ? await ApplyRangeAsync(ranged, cancellationToken).ConfigureAwait(false)
            : null;
        if (done is null)
        {
            List<BsonDocument> batch = await WithRetriesAsync(ReadBatchAsync, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0 && await NextIdTypeAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            if (batch.Count == 0)
            {
                if (sweeping)
                {
                    return MigrationJobOutcome.Completed;
                }

                // End of the first pass: sweep once more from the start for documents written behind the cursor.
                sweeping = true;
                checkpoint = null;
                checkpointInclusive = false;
                remaining = 0;
                await SaveAsync(new BsonDocument { { "sweeping", true }, { "checkpoint", BsonNull.Value }, { "checkpointInclusive", false }, { "remaining", 0L } }, null).ConfigureAwait(false);
                return null;
            }

            done = (await WithRetriesAsync(ct => work.ApplyAsync(batch, ct), cancellationToken).ConfigureAwait(false), batch.Count, batch[^1]["_id"]);
        }

        (BatchOutcome outcome, long documents, BsonValue last) = done.Value;
        changed += outcome.Changed; // Counted even when poison stops the job: these documents are converted.
        remaining = Math.Max(0, remaining - documents);
        if (await RecordPoisonAsync(outcome.Poison).ConfigureAwait(false) is { } stopped)
        {
            return stopped;
        }

        checkpoint = last;
        checkpointInclusive = false;
        processed += documents;
        TimeSpan elapsed = time.GetElapsedTime(started);
        TimeSpan pause = throttle.After((int)Math.Min(documents, int.MaxValue), elapsed);

        // The rate includes the pause, so rate and ETA show the throughput the throttle allows, not the raw speed.
        double batchRate = documents / Math.Max((elapsed + pause).TotalSeconds, 1e-6);
        rate = rate == 0 ? batchRate : (0.7 * rate) + (0.3 * batchRate);
        TagList tags = MigrationTelemetry.Tags(migration.Id, kind);
        MigrationTelemetry.DocumentsProcessed.Add(documents, tags);
        MigrationTelemetry.DocumentsConverted.Add(outcome.Changed, tags);
        MigrationTelemetry.BatchDuration.Record(elapsed.TotalSeconds, tags);
        activity?.SetTag("zdm.batch.documents", (int)documents);
        activity?.SetTag("zdm.batch.pause", pause.TotalSeconds);

        if (!await SaveProgressAsync().ConfigureAwait(false))
        {
            Log.JobLeaseLost(log, migration.Id, kind, lease.Owner);
            return MigrationJobOutcome.LeaseLost;
        }

        if (pause > TimeSpan.Zero)
        {
            await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
            control = null; // Renewed again after the pause: the lease may be near its end and the commands stale.
        }

        return null;
    }

    private Task<List<BsonDocument>> ReadBatchAsync(CancellationToken cancellationToken) =>
        collection.Find(Remaining(), new FindOptions { BatchSize = throttle.Settings.BatchSize }) // The whole batch in one reply: no getMore.
            .Sort(new BsonDocument("_id", 1))
            .Limit(throttle.Settings.BatchSize)
            .Project(work.Projection)
            .ToListAsync(cancellationToken);

    /// <summary>A full batch by range: needs only the batch's last <c>_id</c> (read ahead); null when less than a batch remains.</summary>
    private async Task<(BatchOutcome, long, BsonValue)?> ApplyRangeAsync(IRangeBatchWork ranged, CancellationToken cancellationToken)
    {
        if (checkpoint is null || checkpointInclusive)
        {
            // The first batch of a pass or of an _id type: its range could span two types, and range bounds never
            // cross types in MongoDB's comparisons, so it goes by documents.
            return null;
        }

        BsonValue? upTo = await WithRetriesAsync(ct => boundaries.NextAsync(checkpoint, Remaining(), throttle.Settings.BatchSize, ct), cancellationToken).ConfigureAwait(false);
        if (upTo is null)
        {
            return null;
        }

        BatchOutcome outcome = await WithRetriesAsync(ct => ranged.ApplyRangeAsync(checkpoint, upTo, ct), cancellationToken).ConfigureAwait(false);
        return (outcome, outcome.Examined, upTo);
    }

    /// <summary>The documents still to process after the checkpoint (within the checkpoint's _id type).</summary>
    private BsonDocument Remaining() => checkpoint is null
        ? work.Filter
        : new BsonDocument("$and", new BsonArray { new BsonDocument("_id", new BsonDocument(checkpointInclusive ? "$gte" : "$gt", checkpoint)), work.Filter });

    /// <summary>
    /// Query comparisons stay within one BSON type, so <c>{_id: {$gt: 42}}</c> never reaches string or ObjectId ids.
    /// When a type is exhausted, moves the checkpoint to the smallest <c>_id</c> of the next type; false at the end.
    /// </summary>
    private async Task<bool> NextIdTypeAsync(CancellationToken cancellationToken)
    {
        if (checkpoint is null)
        {
            return false;
        }

        BsonDocument later = IdTypes.LaterType(checkpoint);
        BsonDocument? next = await WithRetriesAsync(
            ct => collection.Find(later).Sort(new BsonDocument("_id", 1)).Limit(1).Project(new BsonDocument("_id", 1)).FirstOrDefaultAsync(ct),
            cancellationToken).ConfigureAwait(false);
        if (next is null)
        {
            return false;
        }

        checkpoint = next["_id"];
        checkpointInclusive = true;
        await SaveAsync(new BsonDocument { { "checkpoint", checkpoint }, { "checkpointInclusive", true } }, null).ConfigureAwait(false);
        return true;
    }
}
