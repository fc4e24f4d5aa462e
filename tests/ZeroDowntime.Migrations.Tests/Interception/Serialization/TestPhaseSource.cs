using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Tests.Interception.Serialization;

/// <summary>Puts every migration in one phase, settable per test.</summary>
internal sealed class TestPhaseSource(MigrationPhase phase) : IPhaseSource
{
    public MigrationPhase Phase { get; set; } = phase;

    public int Calls { get; private set; }

    public MigrationPhase GetPhase(IFieldMigration migration)
    {
        Calls++;
        return Phase;
    }

    /// <summary>Makes a source in <paramref name="phase"/> current for the test (dispose the scope to leave it).</summary>
    public static PhaseContext.Scope Enter(MigrationPhase phase) => PhaseContext.Enter(new TestPhaseSource(phase));
}
