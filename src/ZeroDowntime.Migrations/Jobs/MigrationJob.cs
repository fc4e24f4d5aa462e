namespace ZeroDowntime.Migrations;

/// <summary>A unit of background database work for a host's queue: what to run, for which migration, how urgently.</summary>
/// <param name="Type">The job type: <see cref="MigrationJobTypes.Backfill"/> or <see cref="MigrationJobTypes.Cleanup"/>.</param>
/// <param name="MigrationId">The migration the job works on.</param>
/// <param name="Priority">How urgently the host should run it; heavy database work defaults to low.</param>
public sealed record MigrationJob(string Type, string MigrationId, MigrationJobPriority Priority = MigrationJobPriority.Low);

/// <summary>The job types the library enqueues.</summary>
public static class MigrationJobTypes
{
    /// <summary>Converts existing documents old → new in batches (entering <see cref="MigrationPhase.Backfill"/>).</summary>
    public const string Backfill = "data.backfill";

    /// <summary>Removes the old field in batches (entering <see cref="MigrationPhase.Completed"/>).</summary>
    public const string Cleanup = "data.cleanup";
}

/// <summary>How urgently a host should run a <see cref="MigrationJob"/>.</summary>
public enum MigrationJobPriority
{
    /// <summary>Background work that may wait for quieter moments (the default for data jobs).</summary>
    Low = 0,

    /// <summary>Ordinary work.</summary>
    Normal = 1,

    /// <summary>Work to run as soon as possible.</summary>
    High = 2,
}
