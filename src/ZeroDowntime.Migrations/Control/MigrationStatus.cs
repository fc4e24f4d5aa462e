namespace ZeroDowntime.Migrations;

/// <summary>Everything an operator needs to know about one migration.</summary>
/// <param name="MigrationId">The migration.</param>
/// <param name="Description">Kind, collection and paths, e.g. <c>Rename users.fullName -&gt; displayName</c>.</param>
/// <param name="State">The persisted state (phase, version, history); null when it has none yet.</param>
/// <param name="Backfill">The backfill job's progress; null when it never ran.</param>
/// <param name="Cleanup">The cleanup job's progress; null when it never ran.</param>
/// <param name="LastVerification">The last verification's result, if any.</param>
/// <param name="DriftRepairedTotal">Drifted documents re-copied by every verification so far (writes from pre-migration code).</param>
/// <param name="LiveInstances">The live application instances and the phase each observes for this migration (null: it has no state of it).</param>
public sealed record MigrationStatus(
    string MigrationId,
    string Description,
    MigrationState? State,
    JobProgress? Backfill,
    JobProgress? Cleanup,
    VerificationResult? LastVerification,
    long DriftRepairedTotal,
    IReadOnlyDictionary<string, MigrationPhase?> LiveInstances);
