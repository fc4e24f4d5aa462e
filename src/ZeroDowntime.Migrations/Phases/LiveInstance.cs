namespace ZeroDowntime.Migrations;

/// <summary>An application instance with a recent heartbeat, and the phase it observes for each migration.</summary>
/// <param name="InstanceId">The instance's id (<see cref="ZeroDowntimeMigrationsOptions.InstanceId"/>).</param>
/// <param name="LastSeen">Its last heartbeat.</param>
/// <param name="ObservedPhases">The phase it observed per migration id at that heartbeat.</param>
public sealed record LiveInstance(string InstanceId, DateTimeOffset LastSeen, IReadOnlyDictionary<string, MigrationPhase> ObservedPhases);
