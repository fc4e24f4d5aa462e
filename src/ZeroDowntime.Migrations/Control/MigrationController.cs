using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZeroDowntime.Migrations.Backfill;
using ZeroDowntime.Migrations.Phases;
using ZeroDowntime.Migrations.Telemetry;

namespace ZeroDowntime.Migrations.Control;

/// <summary>The phase state machine: rules, guards, one conditional write per transition, and the local cache kept current.</summary>
internal sealed partial class MigrationController(
    IServiceProvider services,
    MigrationRegistry registry,
    MigrationStateStore store,
    MigrationPhaseCache cache,
    InstanceHeartbeats heartbeats,
    IEnumerable<IPhaseTransitionGuard> guards,
    IEnumerable<IPhaseTransitionObserver> observers,
    JobStateStore jobs,
    VerificationGuard verification,
    IOptions<ZeroDowntimeMigrationsOptions> options,
    TimeProvider time,
    ILogger<MigrationController>? logger = null) : IMigrationController
{
    private readonly ILogger log = logger ?? NullLogger<MigrationController>.Instance;

    public async Task<MigrationState> RegisterAsync(string migrationId, string by, string? reason = null, CancellationToken cancellationToken = default)
    {
        registry.Get(migrationId);
        (MigrationState state, bool created) = await store.RegisterAsync(migrationId, MigrationPhase.DualWrite, by, reason, cancellationToken).ConfigureAwait(false);
        if (created)
        {
            Log.PhaseChanged(log, migrationId, null, MigrationPhase.DualWrite, by, reason);
        }

        cache.Apply(state);
        return state;
    }

    public Task<MigrationState> AdvanceAsync(string migrationId, MigrationPhase to, string by, string? reason = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(migrationId, to, rollback: false, by, reason, cancellationToken);

    public Task<MigrationState> RollbackAsync(string migrationId, MigrationPhase to, string by, string? reason = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(migrationId, to, rollback: true, by, reason, cancellationToken);

    public async Task<MigrationState?> GetStateAsync(string migrationId, CancellationToken cancellationToken = default)
    {
        registry.Get(migrationId);
        return await store.GetAsync(migrationId, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<LiveInstance>> GetLiveInstancesAsync(CancellationToken cancellationToken = default) =>
        heartbeats.GetLiveAsync(cancellationToken);

    private async Task<MigrationState> TransitionAsync(string migrationId, MigrationPhase to, bool rollback, string by, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        IFieldMigration migration = registry.Get(migrationId);
        MigrationState current = await store.GetAsync(migrationId, cancellationToken).ConfigureAwait(false)
            ?? throw new PhaseTransitionRefusedException(migrationId, null, to, "it has no state yet: run 'up' (or RegisterAsync) first.");

        string? forbidden = PhaseRules.Forbidden(current.Phase, to)
            ?? (rollback && to > current.Phase ? $"{to} is not earlier than {current.Phase}; use AdvanceAsync to move forward." : null)
            ?? (!rollback && to < current.Phase ? $"{to} is earlier than {current.Phase}; use RollbackAsync to move back." : null);
        if (forbidden is not null)
        {
            throw new PhaseTransitionRefusedException(migrationId, current.Phase, to, forbidden + LastChange(current));
        }

        foreach (IPhaseTransitionGuard guard in guards)
        {
            if (await guard.CheckAsync(migration, current, to, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                throw new PhaseTransitionRefusedException(migrationId, current.Phase, to, refusal);
            }
        }

        MigrationState next = await store.TransitionAsync(current, to, by, reason, cancellationToken).ConfigureAwait(false);
        cache.Apply(next);
        Log.PhaseChanged(log, migrationId, current.Phase, to, by, reason);
        foreach (IPhaseTransitionObserver observer in observers)
        {
            await observer.OnTransitionedAsync(migration, current, next, cancellationToken).ConfigureAwait(false);
        }

        return next;
    }

    private static string LastChange(MigrationState state) =>
        state.History.Count == 0 ? "" : $" (last change: {state.History[^1].From?.ToString() ?? "registered"} -> {state.History[^1].To} by '{state.History[^1].By}' at {state.History[^1].At:O})";
}
