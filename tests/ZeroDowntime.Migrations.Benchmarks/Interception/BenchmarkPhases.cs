using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Benchmarks.Interception;

/// <summary>A fixed phase for every migration, so benchmarks measure the interceptor and not the phase cache.</summary>
internal sealed class BenchmarkPhases(MigrationPhase phase) : IPhaseSource
{
    public MigrationPhase GetPhase(IFieldMigration migration) => phase;
}
