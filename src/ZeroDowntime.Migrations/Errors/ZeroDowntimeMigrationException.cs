namespace ZeroDowntime.Migrations;

/// <summary>The base of every exception thrown by ZeroDowntime.Migrations; carries the migration at fault.</summary>
public class ZeroDowntimeMigrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="migrationId">The id of the migration at fault, when there is one.</param>
    /// <param name="message">What went wrong and which rule it broke.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ZeroDowntimeMigrationException(string? migrationId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        MigrationId = migrationId;
    }

    /// <summary>The id of the migration at fault, when there is one.</summary>
    public string? MigrationId { get; }
}
