namespace ZeroDowntime.Migrations.Tests.Infrastructure;

/// <summary>Tests that measure time or load the machine run alone, after the parallel ones (the CI machine has 2 cores).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive";
}
