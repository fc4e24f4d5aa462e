using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>
/// A job's persisted state, kept inside the migration's state document under <c>jobs.&lt;kind&gt;</c>:
/// <code>{status, checkpoint, sweeping, processed, converted, remaining, rate, startedAt, updatedAt, lastError,
/// poison: [{id, error}], poisonCount, throttle: {batchSize, delayMs, maxDocumentsPerSecond}, control, lease: {owner, expiresAt}, leaseToken}</code>
/// Every write after acquisition is conditional on the lease owner and token (fencing).
/// </summary>
internal sealed class JobStateStore(IMongoCollection<BsonDocument> states, TimeProvider time, TimeSpan leaseDuration)
{
    public const string BackfillKind = "backfill";
    public const string CleanupKind = "cleanup";
    public const int MaxPoisonRecorded = 100;

    public static string Path(string kind, string field) => $"jobs.{kind}.{field}";

    /// <summary>Takes the lease when nobody holds a live one; null when another worker does. Idempotent for the same owner, so a retry after a lost reply succeeds.</summary>
    public async Task<JobLease?> TryAcquireAsync(string migrationId, string kind, string owner, CancellationToken cancellationToken)
    {
        DateTime now = time.GetUtcNow().UtcDateTime;
        var filter = new BsonDocument
        {
            { "_id", migrationId },
            {
                "$or", new BsonArray
                {
                    new BsonDocument(Path(kind, "lease"), BsonNull.Value),
                    new BsonDocument(Path(kind, "lease.expiresAt"), new BsonDocument("$lt", now)),
                    new BsonDocument(Path(kind, "lease.owner"), owner),
                }
            },
        };
        var update = new BsonDocument
        {
            { "$set", new BsonDocument(Path(kind, "lease"), new BsonDocument { { "owner", owner }, { "expiresAt", now + leaseDuration } }) },
            { "$inc", new BsonDocument(Path(kind, "leaseToken"), 1L) },
        };
        BsonDocument? after = await states.FindOneAndUpdateAsync<BsonDocument>(filter, update, AfterUpdate, cancellationToken).ConfigureAwait(false);
        if (after is null)
        {
            return null;
        }

        BsonDocument job = JobOf(after, kind);
        return new JobLease(migrationId, kind, owner, job["leaseToken"].ToInt64(), job);
    }

    /// <summary>
    /// Writes fields of the job (names relative to the job), extends the lease and reads the operator's commands, in
    /// one round trip; null when the lease was lost (nothing written then).
    /// </summary>
    public async Task<JobControl?> SaveAsync(JobLease lease, BsonDocument set, BsonDocument? push, CancellationToken cancellationToken)
    {
        BsonDocument fields = Prefixed(lease.Kind, set);
        fields[Path(lease.Kind, "lease.expiresAt")] = time.GetUtcNow().UtcDateTime + leaseDuration;
        var update = new BsonDocument("$set", fields);
        if (push is not null)
        {
            update["$push"] = Prefixed(lease.Kind, push);
        }

        var options = new FindOneAndUpdateOptions<BsonDocument>
        {
            ReturnDocument = ReturnDocument.After,
            Projection = new BsonDocument { { Path(lease.Kind, "control"), 1 }, { Path(lease.Kind, "throttle"), 1 } },
        };
        BsonDocument? after = await states.FindOneAndUpdateAsync(Fenced(lease), update, options, cancellationToken).ConfigureAwait(false);
        if (after is null)
        {
            return null;
        }

        BsonDocument job = JobOf(after, lease.Kind);
        return new JobControl(job.GetValue("control", BsonNull.Value) is { IsString: true } c ? c.AsString : null, JobProgressParser.Throttle(job, null));
    }

    /// <summary>Extends the lease and reads the operator's commands; null when the lease was lost.</summary>
    public Task<JobControl?> RenewAsync(JobLease lease, CancellationToken cancellationToken) => SaveAsync(lease, [], null, cancellationToken);

    /// <summary>Ends the run: writes the final fields and gives the lease up.</summary>
    public async Task ReleaseAsync(JobLease lease, BsonDocument set, CancellationToken cancellationToken)
    {
        var update = new BsonDocument
        {
            { "$set", Prefixed(lease.Kind, set) },
            { "$unset", new BsonDocument { { Path(lease.Kind, "lease"), "" }, { Path(lease.Kind, "control"), "" } } },
        };
        await states.UpdateOneAsync(Fenced(lease), update, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets (or clears, with null) the operator command a running job reads at its next batch.</summary>
    public Task<UpdateResult> SetControlAsync(string migrationId, string kind, string? command, CancellationToken cancellationToken) =>
        states.UpdateOneAsync(
            new BsonDocument("_id", migrationId),
            command is null
                ? new BsonDocument("$unset", new BsonDocument(Path(kind, "control"), ""))
                : new BsonDocument("$set", new BsonDocument(Path(kind, "control"), command)),
            cancellationToken: cancellationToken);

    public Task<UpdateResult> SetFieldsAsync(string migrationId, string kind, BsonDocument set, CancellationToken cancellationToken) =>
        states.UpdateOneAsync(new BsonDocument("_id", migrationId), new BsonDocument("$set", Prefixed(kind, set)), cancellationToken: cancellationToken);

    /// <summary>Records a verification's result with the backfill job, adding its repairs to the running total.</summary>
    public Task<UpdateResult> RecordVerificationAsync(string migrationId, VerificationResult result, CancellationToken cancellationToken) =>
        states.UpdateOneAsync(
            new BsonDocument("_id", migrationId),
            new BsonDocument
            {
                { "$set", Prefixed(BackfillKind, new BsonDocument("verification", new BsonDocument
                {
                    { "missing", result.MissingCount },
                    { "drift", result.DriftCount },
                    { "driftRepaired", result.DriftRepaired },
                    { "samples", new BsonArray(result.SampleIds) },
                    { "passed", result.Passed },
                })) },
                { "$inc", new BsonDocument(Path(BackfillKind, "driftRepairedTotal"), result.DriftRepaired) },
            },
            cancellationToken: cancellationToken);

    /// <summary>Forgets a job's state (checkpoint, counters), e.g. when <c>down</c> undoes a migration.</summary>
    public Task<UpdateResult> ResetAsync(string migrationId, string kind, CancellationToken cancellationToken) =>
        states.UpdateOneAsync(new BsonDocument("_id", migrationId), new BsonDocument("$unset", new BsonDocument($"jobs.{kind}", "")), cancellationToken: cancellationToken);

    public static BsonDocument JobOf(BsonDocument state, string kind) =>
        state.GetValue("jobs", BsonNull.Value) is BsonDocument jobs && jobs.GetValue(kind, BsonNull.Value) is BsonDocument job ? job : [];

    private static readonly FindOneAndUpdateOptions<BsonDocument> AfterUpdate = new() { ReturnDocument = ReturnDocument.After };

    private static BsonDocument Fenced(JobLease lease) => new()
    {
        { "_id", lease.MigrationId },
        { Path(lease.Kind, "lease.owner"), lease.Owner },
        { Path(lease.Kind, "leaseToken"), lease.Token },
    };

    private static BsonDocument Prefixed(string kind, BsonDocument fields) =>
        new(fields.Select(e => new BsonElement(Path(kind, e.Name), e.Value)));
}
