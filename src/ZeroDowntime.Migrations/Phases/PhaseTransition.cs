namespace ZeroDowntime.Migrations;

/// <summary>One entry of a migration's history.</summary>
/// <param name="From">The phase before (null for the registration).</param>
/// <param name="To">The phase after.</param>
/// <param name="At">When.</param>
/// <param name="By">Who asked (an operator, a tool or an instance id).</param>
/// <param name="Reason">Why, as given by the caller.</param>
/// <param name="Version">The state version this transition produced.</param>
public sealed record PhaseTransition(MigrationPhase? From, MigrationPhase To, DateTimeOffset At, string By, string? Reason, long Version);
