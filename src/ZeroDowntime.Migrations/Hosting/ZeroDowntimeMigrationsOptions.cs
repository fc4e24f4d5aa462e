namespace ZeroDowntime.Migrations;

/// <summary>Options of ZeroDowntime.Migrations, configured in <c>AddZeroDowntimeMigrations</c>.</summary>
public sealed class ZeroDowntimeMigrationsOptions
{
    /// <summary>
    /// The database holding the migrating collections and the library's state, taken from the registered
    /// <c>IMongoClient</c>. When null, a registered <c>IMongoDatabase</c> is used instead.
    /// </summary>
    /// <value>The default value is <c>null</c>.</value>
    public string? DatabaseName { get; set; }

    /// <summary>The collection holding one state document per migration.</summary>
    /// <value>The default value is <c>_zdm_migrations</c>.</value>
    public string StateCollectionName { get; set; } = "_zdm_migrations";

    /// <summary>The collection where application instances record the phase they observe (their heartbeats).</summary>
    /// <value>The default value is <c>_zdm_instances</c>.</value>
    public string InstancesCollectionName { get; set; } = "_zdm_instances";

    /// <summary>How often each instance reloads the phases and writes its heartbeat.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan PhaseRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An instance whose last heartbeat is older than this is no longer considered live.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan InstanceTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This process's identity in heartbeats, histories and leases.</summary>
    /// <value>The default value is <c>&lt;machine&gt;/&lt;process id&gt;/&lt;random&gt;</c>.</value>
    public string InstanceId { get; set; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>How the backfill and cleanup jobs work.</summary>
    public BackfillOptions Backfill { get; } = new();

    internal IEnumerable<string> Validate()
    {
        foreach (string problem in Backfill.Validate())
        {
            yield return problem;
        }

        if (string.IsNullOrWhiteSpace(StateCollectionName))
        {
            yield return "StateCollectionName must not be empty.";
        }

        if (string.IsNullOrWhiteSpace(InstancesCollectionName))
        {
            yield return "InstancesCollectionName must not be empty.";
        }

        if (StateCollectionName == InstancesCollectionName)
        {
            yield return $"StateCollectionName and InstancesCollectionName must differ (both are '{StateCollectionName}').";
        }

        if (PhaseRefreshInterval <= TimeSpan.Zero)
        {
            yield return $"PhaseRefreshInterval must be positive (is {PhaseRefreshInterval}).";
        }

        if (InstanceTimeout <= PhaseRefreshInterval)
        {
            yield return $"InstanceTimeout ({InstanceTimeout}) must be longer than PhaseRefreshInterval ({PhaseRefreshInterval}), or live instances would look dead.";
        }

        if (string.IsNullOrWhiteSpace(InstanceId))
        {
            yield return "InstanceId must not be empty.";
        }
    }
}
