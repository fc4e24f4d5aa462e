namespace ZeroDowntime.Migrations;

/// <summary>
/// An operation on a migrating collection that the library cannot carry out correctly in the current phase. It is
/// refused rather than run, because running it could silently miss or corrupt documents.
/// </summary>
public sealed class MigrationNotSupportedException : ZeroDowntimeMigrationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="migrationId">The migration whose field the operation touches.</param>
    /// <param name="phase">The phase the migration is in.</param>
    /// <param name="operation">The operator or operation refused (e.g. <c>$regex</c>, <c>$push</c>, <c>Watch</c>).</param>
    /// <param name="reason">Why it cannot be done correctly, and what to do instead.</param>
    public MigrationNotSupportedException(string migrationId, MigrationPhase phase, string operation, string reason)
        : base(migrationId, $"Migration '{migrationId}' ({phase}): {operation} is not supported: {reason}")
    {
        Phase = phase;
        Operation = operation;
    }

    /// <summary>The phase the migration was in.</summary>
    public MigrationPhase Phase { get; }

    /// <summary>The operator or operation refused.</summary>
    public string Operation { get; }
}
