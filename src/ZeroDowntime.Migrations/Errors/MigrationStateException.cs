namespace ZeroDowntime.Migrations;

/// <summary>A migration's persisted state document is missing a field, has an unknown phase, or is otherwise unreadable.</summary>
public sealed class MigrationStateException(string migrationId, string message, Exception? innerException = null)
    : ZeroDowntimeMigrationException(migrationId, message, innerException);
