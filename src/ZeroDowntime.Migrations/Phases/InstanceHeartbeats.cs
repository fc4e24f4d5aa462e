using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Phases;

/// <summary>
/// Each application instance records, on every phase refresh, which phase it observes for each migration. These
/// heartbeats are the acknowledgement DESIGN §5 requires before <see cref="MigrationPhase.Completed"/>.
/// <code>{_id: instanceId, startedAt, lastSeen, phases: [{migration: id, phase: "SwitchRead"}]}</code>
/// </summary>
internal sealed class InstanceHeartbeats(IMongoCollection<BsonDocument> instances, string instanceId, TimeSpan timeout, TimeProvider time)
{
    public string InstanceId => instanceId;

    public async Task BeatAsync(IReadOnlyDictionary<string, MigrationPhase> observed, CancellationToken cancellationToken)
    {
        DateTime now = time.GetUtcNow().UtcDateTime;
        var phases = new BsonArray(observed.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new BsonDocument { { "migration", p.Key }, { "phase", p.Value.ToString() } }));
        var update = new BsonDocument
        {
            { "$set", new BsonDocument { { "lastSeen", now }, { "phases", phases } } },
            { "$setOnInsert", new BsonDocument("startedAt", now) },
        };
        await instances.UpdateOneAsync(new BsonDocument("_id", instanceId), update, new UpdateOptions { IsUpsert = true }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes this instance's heartbeat on a clean shutdown, so it stops counting as live at once.</summary>
    public Task LeaveAsync(CancellationToken cancellationToken) =>
        instances.DeleteOneAsync(new BsonDocument("_id", instanceId), cancellationToken);

    /// <summary>The instances whose last heartbeat is within the timeout, with the phase each observes per migration.</summary>
    public async Task<IReadOnlyList<LiveInstance>> GetLiveAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        var filter = new BsonDocument("lastSeen", new BsonDocument("$gte", (now - timeout).UtcDateTime));
        List<BsonDocument> documents = await instances.Find(filter).ToListAsync(cancellationToken).ConfigureAwait(false);
        return documents.Select(Parse).OrderBy(i => i.InstanceId, StringComparer.Ordinal).ToList();
    }

    private static LiveInstance Parse(BsonDocument document)
    {
        var phases = new Dictionary<string, MigrationPhase>(StringComparer.Ordinal);
        if (document.GetValue("phases", BsonNull.Value) is BsonArray entries)
        {
            foreach (BsonDocument entry in entries.OfType<BsonDocument>())
            {
                string migration = entry.GetValue("migration", "").ToString()!;
                phases[migration] = MigrationStateDocument.ParsePhase(migration, entry.GetValue("phase", BsonNull.Value));
            }
        }

        return new LiveInstance(
            document["_id"].ToString()!,
            new DateTimeOffset(document.GetValue("lastSeen", BsonNull.Value) is BsonDateTime seen ? seen.ToUniversalTime() : DateTime.MinValue, TimeSpan.Zero),
            phases);
    }
}
