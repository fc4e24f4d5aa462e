namespace ZeroDowntime.Migrations;

/// <summary>How the backfill and cleanup jobs work through a collection; part of <see cref="ZeroDowntimeMigrationsOptions"/>.</summary>
public sealed class BackfillOptions
{
    /// <summary>Documents per batch (the starting value; the controller can retune it while a job runs).</summary>
    /// <value>The default value is 1000.</value>
    public int BatchSize { get; set; } = 1000;

    /// <summary>A pause after each batch, to leave room for application traffic.</summary>
    /// <value>The default value is zero.</value>
    public TimeSpan DelayBetweenBatches { get; set; } = TimeSpan.Zero;

    /// <summary>The most documents per second a job may process; null for no limit.</summary>
    /// <value>The default value is <c>null</c>.</value>
    public double? MaxDocumentsPerSecond { get; set; }

    /// <summary>A batch slower than this doubles the delay between batches (up to <see cref="MaxBackOffDelay"/>); faster batches shrink it again.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan SlowBatchThreshold { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest delay the adaptive back-off may add between batches.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan MaxBackOffDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a job's lease lasts without renewal; it is renewed before every batch.</summary>
    /// <value>The default value is 60 seconds.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a transient error (network, failover, timeout) is retried before the job fails.</summary>
    /// <value>The default value is 5.</value>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first retry delay; it doubles on each further attempt.</summary>
    /// <value>The default value is 200 milliseconds.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>What to do with a document whose conversion throws.</summary>
    /// <value>The default value is <see cref="PoisonDocumentPolicy.Stop"/>.</value>
    public PoisonDocumentPolicy PoisonPolicy { get; set; } = PoisonDocumentPolicy.Stop;

    /// <summary>Whether <c>up</c> moves each new migration straight to <see cref="MigrationPhase.Backfill"/> and enqueues the job.</summary>
    /// <value>The default value is <c>true</c>.</value>
    public bool StartOnUp { get; set; } = true;

    internal IEnumerable<string> Validate()
    {
        if (BatchSize is < 1 or > 100_000)
        {
            yield return $"Backfill.BatchSize must be between 1 and 100000 (is {BatchSize}).";
        }

        if (DelayBetweenBatches < TimeSpan.Zero)
        {
            yield return $"Backfill.DelayBetweenBatches must not be negative (is {DelayBetweenBatches}).";
        }

        if (MaxDocumentsPerSecond is <= 0)
        {
            yield return $"Backfill.MaxDocumentsPerSecond must be positive or null (is {MaxDocumentsPerSecond}).";
        }

        if (LeaseDuration < TimeSpan.FromSeconds(1))
        {
            yield return $"Backfill.LeaseDuration must be at least 1 second (is {LeaseDuration}).";
        }

        if (MaxRetries < 0)
        {
            yield return $"Backfill.MaxRetries must not be negative (is {MaxRetries}).";
        }
    }
}

/// <summary>What a backfill does with a document whose conversion fails. Either way the document is recorded with its id and error.</summary>
public enum PoisonDocumentPolicy
{
    /// <summary>Stop the job, recording the document; fix it (or the conversion) and run the job again.</summary>
    Stop = 1,

    /// <summary>Record the document and go on; verification will still refuse <see cref="MigrationPhase.SwitchRead"/> until it is fixed.</summary>
    SkipAndReport = 2,
}
