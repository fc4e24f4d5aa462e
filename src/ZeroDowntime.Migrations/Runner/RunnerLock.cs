using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Runner;

/// <summary>
/// A lock with a lease, held by one runner across all instances: one conditional upsert (a held, unexpired lock makes
/// the upsert collide on <c>_id</c>), never check-then-insert.
/// </summary>
internal sealed class RunnerLock(IMongoCollection<BsonDocument> states, TimeProvider time, TimeSpan lease)
{
    public const string LockId = "zdm:runner-lock";

    /// <summary>Waits for the lock (up to <paramref name="timeout"/>); returns a handle that releases it.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string owner, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long started = time.GetTimestamp();
        while (true)
        {
            if (await TryAcquireAsync(owner, cancellationToken).ConfigureAwait(false))
            {
                return new Handle(this, owner);
            }

            if (time.GetElapsedTime(started) > timeout)
            {
                BsonDocument? holder = await states.Find(new BsonDocument("_id", LockId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                throw new ZeroDowntimeMigrationException(null,
                    $"Another migration runner holds the lock ({holder?.GetValue("owner", "?")}, until {holder?.GetValue("expiresAt", BsonNull.Value)}); try again later.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> TryAcquireAsync(string owner, CancellationToken cancellationToken)
    {
        DateTime now = time.GetUtcNow().UtcDateTime;
        var filter = new BsonDocument
        {
            { "_id", LockId },
            { "$or", new BsonArray { new BsonDocument("expiresAt", new BsonDocument("$lt", now)), new BsonDocument("owner", owner) } },
        };
        var update = new BsonDocument("$set", new BsonDocument { { "owner", owner }, { "expiresAt", now + lease } });
        try
        {
            await states.UpdateOneAsync(filter, update, new UpdateOptions { IsUpsert = true }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false; // Held by another runner, unexpired.
        }
    }

    private Task ReleaseAsync(string owner) =>
        states.DeleteOneAsync(new BsonDocument { { "_id", LockId }, { "owner", owner } });

    private sealed class Handle(RunnerLock owner, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await owner.ReleaseAsync(name).ConfigureAwait(false);
    }
}
