namespace ZeroDowntime.Migrations;

/// <summary>Where a backfill or cleanup job stands.</summary>
public enum JobStatus
{
    /// <summary>Never started.</summary>
    NotStarted = 0,

    /// <summary>A worker holds the lease and processes batches.</summary>
    Running = 1,

    /// <summary>Paused by an operator between batches; resumes from its checkpoint.</summary>
    Paused = 2,

    /// <summary>Cancelled by an operator; its checkpoint is kept.</summary>
    Cancelled = 3,

    /// <summary>Failed (see the last error); running it again resumes from its checkpoint.</summary>
    Failed = 4,

    /// <summary>Stopped between batches (shutdown, lost lease); running it again resumes from its checkpoint.</summary>
    Interrupted = 5,

    /// <summary>Finished.</summary>
    Completed = 6,
}
