using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Control;

/// <summary>
/// → <see cref="MigrationPhase.Completed"/> stops writing the old field, which instances still reading it would miss:
/// every live instance must first have observed <see cref="MigrationPhase.SwitchRead"/> (DESIGN §5).
/// </summary>
internal sealed class InstancesAcknowledgedGuard(InstanceHeartbeats heartbeats) : IPhaseTransitionGuard
{
    public async Task<string?> CheckAsync(IFieldMigration migration, MigrationState current, MigrationPhase to, CancellationToken cancellationToken)
    {
        if (to != MigrationPhase.Completed)
        {
            return null;
        }

        IReadOnlyList<LiveInstance> live = await heartbeats.GetLiveAsync(cancellationToken).ConfigureAwait(false);
        List<string> lagging = live
            .Where(i => !i.ObservedPhases.TryGetValue(migration.Id, out MigrationPhase seen) || seen < MigrationPhase.SwitchRead)
            .Select(i => $"{i.InstanceId} observes {(i.ObservedPhases.TryGetValue(migration.Id, out MigrationPhase seen) ? seen.ToString() : "no state of this migration")}")
            .ToList();
        return lagging.Count == 0
            ? null
            : $"{lagging.Count} live instance(s) have not acknowledged SwitchRead yet ({string.Join("; ", lagging)}); wait for their next phase refresh.";
    }
}
