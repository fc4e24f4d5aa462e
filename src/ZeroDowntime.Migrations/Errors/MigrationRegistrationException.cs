namespace ZeroDowntime.Migrations;

/// <summary>A migration could not be registered: the document type was already in use, or another migration claims the same field.</summary>
public sealed class MigrationRegistrationException(string migrationId, string message, Exception? innerException = null)
    : ZeroDowntimeMigrationException(migrationId, message, innerException);
