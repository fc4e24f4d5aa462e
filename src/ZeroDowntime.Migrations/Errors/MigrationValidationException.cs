namespace ZeroDowntime.Migrations;

/// <summary>A migration descriptor breaks a rule and was refused at registration.</summary>
public sealed class MigrationValidationException : ZeroDowntimeMigrationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="migrationId">The migration that was refused.</param>
    /// <param name="rule">The rule it breaks, in words.</param>
    public MigrationValidationException(string? migrationId, string rule)
        : base(migrationId, $"Migration '{migrationId ?? "(no id)"}' is invalid: {rule}")
    {
        Rule = rule;
    }

    /// <summary>The rule the descriptor breaks.</summary>
    public string Rule { get; }
}
