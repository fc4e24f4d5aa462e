using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Interception.Collection;

// MapReduce and its options type are obsolete in the driver but still part of the interface, so they are implemented here.
#pragma warning disable CS0618

/// <summary>Map-reduce: refused while reads coalesce (its JavaScript reads stored documents), passed through afterwards.</summary>
internal sealed partial class MigratingCollection<TDocument>
{
    /// <inheritdoc />
    public IAsyncCursor<TResult> MapReduce<TResult>(BsonJavaScript map, BsonJavaScript reduce, MapReduceOptions<TDocument, TResult>? options = null, CancellationToken cancellationToken = default) =>
        MapReduceCore(null, map, reduce, options, cancellationToken);

    /// <inheritdoc />
    public IAsyncCursor<TResult> MapReduce<TResult>(IClientSessionHandle session, BsonJavaScript map, BsonJavaScript reduce, MapReduceOptions<TDocument, TResult>? options = null, CancellationToken cancellationToken = default) =>
        MapReduceCore(Required(session), map, reduce, options, cancellationToken);

    /// <inheritdoc />
    public Task<IAsyncCursor<TResult>> MapReduceAsync<TResult>(BsonJavaScript map, BsonJavaScript reduce, MapReduceOptions<TDocument, TResult>? options = null, CancellationToken cancellationToken = default) =>
        MapReduceCoreAsync(null, map, reduce, options, cancellationToken);

    /// <inheritdoc />
    public Task<IAsyncCursor<TResult>> MapReduceAsync<TResult>(IClientSessionHandle session, BsonJavaScript map, BsonJavaScript reduce, MapReduceOptions<TDocument, TResult>? options = null, CancellationToken cancellationToken = default) =>
        MapReduceCoreAsync(Required(session), map, reduce, options, cancellationToken);

    private IAsyncCursor<TResult> MapReduceCore<TResult>(IClientSessionHandle? session, BsonJavaScript map, BsonJavaScript reduce, MapReduceOptions<TDocument, TResult>? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            RefuseMapReduce(Active());
            return new PhaseScopedCursor<TResult>(session is null
                ? inner.MapReduce(map, reduce, options, cancellationToken)
                : inner.MapReduce(session, map, reduce, options, cancellationToken), phases);
        }
    }

    private async Task<IAsyncCursor<TResult>> MapReduceCoreAsync<TResult>(IClientSessionHandle? session, BsonJavaScript map, BsonJavaScript reduce, MapReduceOptions<TDocument, TResult>? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            RefuseMapReduce(Active());
            return new PhaseScopedCursor<TResult>(await (session is null
                ? inner.MapReduceAsync(map, reduce, options, cancellationToken)
                : inner.MapReduceAsync(session, map, reduce, options, cancellationToken)).ConfigureAwait(false), phases);
        }
    }

    /// <summary>Map and reduce functions are JavaScript over stored documents: nothing can make them read coalesced values.</summary>
    private static void RefuseMapReduce(IReadOnlyList<ActiveMigration> active)
    {
        if (FirstBeforeSwitchRead(active) is { } migration)
        {
            throw new MigrationNotSupportedException(migration.Migration.Id, migration.Phase, "MapReduce",
                $"its JavaScript reads stored documents, which may hold only '{migration.Migration.OldPath}' until the migration reaches SwitchRead. Use an aggregation pipeline.");
        }
    }
}
#pragma warning restore CS0618
