namespace ZeroDowntime.Migrations;

/// <summary>The persisted state of one migration: its phase, the version that guards transitions, and its history.</summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="Phase">The phase it is in.</param>
/// <param name="Version">Incremented by every transition; a transition applies only to the version it read.</param>
/// <param name="UpdatedAt">When the last transition happened.</param>
/// <param name="History">Every transition, oldest first.</param>
public sealed record MigrationState(
    string MigrationId,
    MigrationPhase Phase,
    long Version,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<PhaseTransition> History);
