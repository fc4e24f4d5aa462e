using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Tests.Interception.Collection;

/// <summary>A phase source whose phase the test sets; optionally fails like a corrupted state document.</summary>
internal sealed class TestPhaseSource(MigrationPhase phase = MigrationPhase.DualWrite) : IPhaseSource
{
    public MigrationPhase Phase { get; set; } = phase;

    public Exception? Failure { get; set; }

    public MigrationPhase GetPhase(IFieldMigration migration) => Failure is null ? Phase : throw Failure;
}
