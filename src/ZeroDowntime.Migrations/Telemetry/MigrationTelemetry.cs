using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ZeroDowntime.Migrations.Telemetry;

/// <summary>
/// The library's <see cref="Meter"/> and <see cref="ActivitySource"/>, both named <c>ZeroDowntime.Migrations</c>.
/// Tags carry migration ids and job kinds only — never field values.
/// </summary>
internal static class MigrationTelemetry
{
    public const string Name = "ZeroDowntime.Migrations";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Documents a job examined (tags: migration, job).</summary>
    public static readonly Counter<long> DocumentsProcessed = Meter.CreateCounter<long>("zdm.job.documents.processed", "{document}", "Documents examined by backfill and cleanup jobs.");

    /// <summary>Documents a job changed (tags: migration, job).</summary>
    public static readonly Counter<long> DocumentsConverted = Meter.CreateCounter<long>("zdm.job.documents.converted", "{document}", "Documents converted by a backfill or cleaned by a cleanup job.");

    /// <summary>How long each batch took (tags: migration, job).</summary>
    public static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>("zdm.job.batch.duration", "s", "Duration of one batch of a backfill or cleanup job.");

    /// <summary>Errors met by jobs, transient ones included (tags: migration, job, error.type).</summary>
    public static readonly Counter<long> JobErrors = Meter.CreateCounter<long>("zdm.job.errors", "{error}", "Errors met by backfill and cleanup jobs, retried or not.");

    /// <summary>Documents whose conversion failed (tags: migration).</summary>
    public static readonly Counter<long> PoisonDocuments = Meter.CreateCounter<long>("zdm.job.documents.poison", "{document}", "Documents whose conversion failed.");

    /// <summary>Reads that found no new field and coalesced the old one (tags: migration).</summary>
    public static readonly Counter<long> CoalescedReads = Meter.CreateCounter<long>("zdm.reads.coalesced", "{document}", "Documents read before their backfill: the new value came from the old field.");

    /// <summary>Drifted documents found and repaired by verification (tags: migration).</summary>
    public static readonly Counter<long> DriftRepaired = Meter.CreateCounter<long>("zdm.verification.drift.repaired", "{document}", "Documents whose new field disagreed with forward(old) and was re-copied.");

    /// <summary>Counts one read that took the new value from the old field (cheap when nobody listens).</summary>
    public static void CountCoalescedRead(IFieldMigration migration)
    {
        if (CoalescedReads.Enabled)
        {
            CoalescedReads.Add(1, new KeyValuePair<string, object?>("zdm.migration", migration.Id));
        }
    }

    public static TagList Tags(string migrationId, string job) => new() { { "zdm.migration", migrationId }, { "zdm.job", job } };
}
