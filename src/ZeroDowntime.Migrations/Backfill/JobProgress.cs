namespace ZeroDowntime.Migrations;

/// <summary>The persisted progress of a backfill or cleanup job, updated after every batch.</summary>
/// <param name="Status">Where the job stands.</param>
/// <param name="Processed">Documents examined so far.</param>
/// <param name="Converted">Documents changed so far (converted by a backfill, cleaned by a cleanup).</param>
/// <param name="RemainingEstimate">
/// Documents estimated still to examine: the collection's estimated count (its metadata, no scan) less those processed
/// in this pass; 0 once the first pass is done.
/// </param>
/// <param name="DocumentsPerSecond">The recent rate.</param>
/// <param name="EstimatedTimeRemaining">Remaining / rate; null when unknown.</param>
/// <param name="LeaseHolder">The worker holding the lease, if any.</param>
/// <param name="LeaseExpiresAt">When that lease expires unless renewed.</param>
/// <param name="LastError">The last error, naming the document where there is one; never a field value.</param>
/// <param name="PoisonDocuments">Documents whose conversion failed: id and error (the first 100).</param>
/// <param name="PoisonCount">How many documents failed in all.</param>
/// <param name="Throttle">The throttle in force.</param>
/// <param name="UpdatedAt">When the progress was last written.</param>
public sealed record JobProgress(
    JobStatus Status,
    long Processed,
    long Converted,
    long RemainingEstimate,
    double DocumentsPerSecond,
    TimeSpan? EstimatedTimeRemaining,
    string? LeaseHolder,
    DateTimeOffset? LeaseExpiresAt,
    string? LastError,
    IReadOnlyList<PoisonDocument> PoisonDocuments,
    long PoisonCount,
    ThrottleSettings Throttle,
    DateTimeOffset? UpdatedAt);

/// <summary>A document a job could not convert.</summary>
/// <param name="DocumentId">Its <c>_id</c>, as JSON.</param>
/// <param name="Error">Why (the exception type and message of the conversion).</param>
public sealed record PoisonDocument(string DocumentId, string Error);
