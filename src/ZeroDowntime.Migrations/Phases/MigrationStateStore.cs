using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Phases;

/// <summary>
/// Reads and changes state documents. Every transition is one conditional <c>findOneAndUpdate</c> on the version
/// it read, so of racing transitions exactly one wins.
/// </summary>
internal sealed class MigrationStateStore(IMongoCollection<BsonDocument> states, TimeProvider time)
{
    public IMongoCollection<BsonDocument> Collection => states;

    public async Task<MigrationState?> GetAsync(string migrationId, CancellationToken cancellationToken)
    {
        BsonDocument? document = await states.Find(IdFilter(migrationId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return document is null ? null : MigrationStateDocument.Parse(migrationId, document);
    }

    /// <summary>Loads the raw state documents of the given migrations (parsing is left to the caller, per migration).</summary>
    public async Task<List<BsonDocument>> LoadAsync(IEnumerable<string> migrationIds, CancellationToken cancellationToken) =>
        await states.Find(Builders<BsonDocument>.Filter.In("_id", migrationIds)).ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Creates the state in <paramref name="phase"/>; returns the existing state when there already is one.</summary>
    public async Task<(MigrationState State, bool Created)> RegisterAsync(string migrationId, MigrationPhase phase, string by, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            BsonDocument document = MigrationStateDocument.Create(migrationId, phase, time.GetUtcNow(), by, reason);
            await states.InsertOneAsync(document, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (MigrationStateDocument.Parse(migrationId, document), true);
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            MigrationState existing = await GetAsync(migrationId, cancellationToken).ConfigureAwait(false)
                ?? throw new MigrationStateException(migrationId, $"Migration '{migrationId}': registration collided with a state document that then vanished.", e);
            return (existing, false);
        }
    }

    /// <summary>Moves from <paramref name="current"/> to <paramref name="to"/>, only if nobody moved it since it was read.</summary>
    public async Task<MigrationState> TransitionAsync(MigrationState current, MigrationPhase to, string by, string? reason, CancellationToken cancellationToken)
    {
        long next = current.Version + 1;
        DateTimeOffset now = time.GetUtcNow();
        FilterDefinition<BsonDocument> filter = new BsonDocument { { "_id", current.MigrationId }, { MigrationStateDocument.Version, current.Version } };
        UpdateDefinition<BsonDocument> update = new BsonDocument
        {
            { "$set", new BsonDocument { { MigrationStateDocument.Phase, to.ToString() }, { MigrationStateDocument.Version, next }, { MigrationStateDocument.UpdatedAt, now.UtcDateTime } } },
            { "$push", new BsonDocument(MigrationStateDocument.History, MigrationStateDocument.Entry(current.Phase, to, now, by, reason, next)) },
        };
        BsonDocument? after = await states.FindOneAndUpdateAsync(
            filter,
            update,
            new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.After },
            cancellationToken).ConfigureAwait(false);
        if (after is not null)
        {
            return MigrationStateDocument.Parse(current.MigrationId, after);
        }

        MigrationState winner = await GetAsync(current.MigrationId, cancellationToken).ConfigureAwait(false)
            ?? throw new PhaseTransitionRefusedException(current.MigrationId, current.Phase, to, "its state document was deleted meanwhile.");
        throw new PhaseTransitionConflictException(current.MigrationId, current.Version, winner);
    }

    public Task DeleteAsync(string migrationId, CancellationToken cancellationToken) =>
        states.DeleteOneAsync(IdFilter(migrationId), cancellationToken);

    private static BsonDocument IdFilter(string migrationId) => new("_id", migrationId);
}
