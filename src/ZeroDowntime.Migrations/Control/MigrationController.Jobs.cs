using MongoDB.Bson;
using ZeroDowntime.Migrations.Backfill;

namespace ZeroDowntime.Migrations.Control;

/// <summary>Operating the jobs: status, pause, resume, cancel, retune, verify.</summary>
internal sealed partial class MigrationController
{
    public async Task<IReadOnlyList<MigrationStatus>> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<LiveInstance> live = await heartbeats.GetLiveAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<string, BsonDocument> documents = (await store.LoadAsync(registry.All.Select(m => m.Id), cancellationToken).ConfigureAwait(false))
            .ToDictionary(d => d["_id"].ToString()!, StringComparer.Ordinal);
        DateTimeOffset now = time.GetUtcNow();
        ThrottleSettings defaults = DefaultThrottle();
        var statuses = new List<MigrationStatus>();
        foreach (IFieldMigration migration in registry.All)
        {
            documents.TryGetValue(migration.Id, out BsonDocument? document);
            BsonDocument backfill = document is null ? [] : JobStateStore.JobOf(document, JobStateStore.BackfillKind);
            BsonDocument cleanup = document is null ? [] : JobStateStore.JobOf(document, JobStateStore.CleanupKind);
            statuses.Add(new MigrationStatus(
                migration.Id,
                $"{migration.Kind} {migration.CollectionName}.{migration.OldPath} -> {migration.NewPath}",
                document is null ? null : Phases.MigrationStateDocument.Parse(migration.Id, document),
                backfill.ElementCount == 0 ? null : JobProgressParser.Parse(backfill, defaults, now),
                cleanup.ElementCount == 0 ? null : JobProgressParser.Parse(cleanup, defaults, now),
                backfill.GetValue("verification", BsonNull.Value) is BsonDocument v ? ParseVerification(v, migration) : null,
                backfill.GetValue("driftRepairedTotal", 0L).ToInt64(),
                live.ToDictionary(i => i.InstanceId, i => i.ObservedPhases.TryGetValue(migration.Id, out MigrationPhase p) ? p : (MigrationPhase?)null, StringComparer.Ordinal)));
        }

        return statuses;
    }

    public async Task PauseAsync(string migrationId, CancellationToken cancellationToken = default) =>
        await jobs.SetControlAsync(migrationId, await ActiveJobKindAsync(migrationId, "pause", cancellationToken).ConfigureAwait(false), "pause", cancellationToken).ConfigureAwait(false);

    public async Task CancelAsync(string migrationId, CancellationToken cancellationToken = default) =>
        await jobs.SetControlAsync(migrationId, await ActiveJobKindAsync(migrationId, "cancel", cancellationToken).ConfigureAwait(false), "cancel", cancellationToken).ConfigureAwait(false);

    public async Task ResumeAsync(string migrationId, CancellationToken cancellationToken = default)
    {
        string kind = await ActiveJobKindAsync(migrationId, "resume", cancellationToken).ConfigureAwait(false);
        await jobs.SetControlAsync(migrationId, kind, null, cancellationToken).ConfigureAwait(false);
        IJobEnqueuer enqueuer = services.GetService(typeof(IJobEnqueuer)) as IJobEnqueuer
            ?? throw new ZeroDowntimeMigrationException(migrationId, "Cannot resume: no IJobEnqueuer is registered (register your queue's adapter or call UseInProcessJobQueue()).");
        string type = kind == JobStateStore.BackfillKind ? MigrationJobTypes.Backfill : MigrationJobTypes.Cleanup;
        await enqueuer.EnqueueAsync(new MigrationJob(type, migrationId), cancellationToken).ConfigureAwait(false);
    }

    public async Task RetuneAsync(string migrationId, ThrottleSettings throttle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(throttle);
        if (throttle.Problem() is { } problem)
        {
            throw new ArgumentException($"Cannot retune migration '{migrationId}': {problem}.", nameof(throttle));
        }

        string kind = await ActiveJobKindAsync(migrationId, "retune", cancellationToken).ConfigureAwait(false);
        await jobs.SetFieldsAsync(migrationId, kind, new BsonDocument("throttle", JobProgressParser.ToDocument(throttle)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<VerificationResult> VerifyAsync(string migrationId, CancellationToken cancellationToken = default)
    {
        IFieldMigration migration = registry.Get(migrationId);
        MigrationState state = await store.GetAsync(migrationId, cancellationToken).ConfigureAwait(false)
            ?? throw new ZeroDowntimeMigrationException(migrationId, $"Cannot verify migration '{migrationId}': it has no state yet (run 'up' first).");
        if (state.Phase == MigrationPhase.Completed)
        {
            throw new ZeroDowntimeMigrationException(migrationId, $"Cannot verify migration '{migrationId}': it is Completed, the old field is being removed.");
        }

        return await verification.VerifyAsync(migration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The job that belongs to the current phase: backfill in Backfill, cleanup in Completed.</summary>
    private async Task<string> ActiveJobKindAsync(string migrationId, string action, CancellationToken cancellationToken)
    {
        registry.Get(migrationId);
        MigrationState? state = await store.GetAsync(migrationId, cancellationToken).ConfigureAwait(false);
        return state?.Phase switch
        {
            MigrationPhase.Backfill => JobStateStore.BackfillKind,
            MigrationPhase.Completed => JobStateStore.CleanupKind,
            _ => throw new ZeroDowntimeMigrationException(migrationId,
                $"Cannot {action} migration '{migrationId}': no job runs in {state?.Phase.ToString() ?? "its current state (not started)"}; the backfill runs in Backfill and the cleanup in Completed."),
        };
    }

    private ThrottleSettings DefaultThrottle() =>
        new(options.Value.Backfill.BatchSize, options.Value.Backfill.DelayBetweenBatches, options.Value.Backfill.MaxDocumentsPerSecond);

    private static VerificationResult ParseVerification(BsonDocument v, IFieldMigration migration) => new(
        v.GetValue("missing", 0L).ToInt64(),
        v.GetValue("drift", 0L).ToInt64(),
        v.GetValue("driftRepaired", 0L).ToInt64(),
        (v.GetValue("samples", BsonNull.Value) as BsonArray ?? []).Select(s => s.ToString()!).ToList(),
        migration.Kind != FieldMigrationKind.Derive);
}
