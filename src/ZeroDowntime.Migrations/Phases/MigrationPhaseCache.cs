using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Phases;

/// <summary>
/// This process's view of every registered migration's state, refreshed on an interval by
/// <see cref="PhaseRefreshService"/> (and loaded once on first use), so the interceptor never waits on I/O.
/// </summary>
internal sealed class MigrationPhaseCache : IPhaseSource
{
    private readonly MigrationRegistry registry;
    private readonly MigrationStateStore store;
    private readonly InstanceHeartbeats heartbeats;
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private volatile Snapshot snapshot = Snapshot.Empty;

    public MigrationPhaseCache(MigrationRegistry registry, MigrationStateStore store, InstanceHeartbeats heartbeats)
    {
        this.registry = registry;
        this.store = store;
        this.heartbeats = heartbeats;
        PhaseContext.SetFallback(this);
    }

    public bool IsLoaded => snapshot.Loaded;

    public MigrationPhase GetPhase(IFieldMigration migration)
    {
        if (!snapshot.Loaded)
        {
            // First use before the hosted refresh ran (e.g. no host): load once, synchronously.
            RefreshAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        return snapshot.Entries.TryGetValue(migration.Id, out Entry entry)
            ? entry.Error is { } error ? throw error : entry.State!.Phase
            : MigrationPhase.DualWrite;
    }

    /// <summary>The last known state (null when the migration has none); throws for a corrupted state.</summary>
    public MigrationState? GetState(string migrationId) =>
        snapshot.Entries.TryGetValue(migrationId, out Entry entry) ? entry.Error is { } error ? throw error : entry.State : null;

    /// <summary>Reloads every registered migration's state, then records this instance's heartbeat.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<BsonDocument> documents = await store.LoadAsync(registry.All.Select(m => m.Id), cancellationToken).ConfigureAwait(false);
            var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
            foreach (BsonDocument document in documents)
            {
                string id = document["_id"].ToString()!;
                try
                {
                    entries[id] = new Entry(MigrationStateDocument.Parse(id, document), null);
                }
                catch (MigrationStateException e)
                {
                    entries[id] = new Entry(null, e);
                }
            }

            snapshot = new Snapshot(true, entries);
            await heartbeats.BeatAsync(Observed(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            refreshing.Release();
        }
    }

    /// <summary>Takes a state this process just wrote, without waiting for the next refresh.</summary>
    public void Apply(MigrationState state)
    {
        Snapshot current = snapshot;
        var entries = new Dictionary<string, Entry>(current.Entries, StringComparer.Ordinal) { [state.MigrationId] = new Entry(state, null) };
        snapshot = new Snapshot(current.Loaded, entries);
    }

    public void Forget(string migrationId)
    {
        Snapshot current = snapshot;
        var entries = new Dictionary<string, Entry>(current.Entries, StringComparer.Ordinal);
        entries.Remove(migrationId);
        snapshot = new Snapshot(current.Loaded, entries);
    }

    /// <summary>The phase this instance acts on for each registered migration (DualWrite when it has no state yet).</summary>
    public Dictionary<string, MigrationPhase> Observed()
    {
        var observed = new Dictionary<string, MigrationPhase>(StringComparer.Ordinal);
        foreach (IFieldMigration migration in registry.All)
        {
            if (snapshot.Entries.TryGetValue(migration.Id, out Entry entry) && entry.State is { } state)
            {
                observed[migration.Id] = state.Phase;
            }
            else if (!snapshot.Entries.ContainsKey(migration.Id))
            {
                observed[migration.Id] = MigrationPhase.DualWrite;
            }
        }

        return observed;
    }

    private readonly record struct Entry(MigrationState? State, MigrationStateException? Error);

    private sealed record Snapshot(bool Loaded, IReadOnlyDictionary<string, Entry> Entries)
    {
        public static readonly Snapshot Empty = new(false, new Dictionary<string, Entry>());
    }
}
