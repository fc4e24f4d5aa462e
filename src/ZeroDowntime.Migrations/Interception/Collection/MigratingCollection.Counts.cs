using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>Counts (rewritten filters) and map-reduce (refused while reads coalesce).</summary>
// Count and MapReduce are obsolete in the driver but still part of the interface, so they are implemented and forwarded.
#pragma warning disable CS0618
internal sealed partial class MigratingCollection<TDocument>
{
    /// <inheritdoc />
    public long CountDocuments(FilterDefinition<TDocument> filter, CountOptions? options = null, CancellationToken cancellationToken = default) =>
        CountDocumentsCore(null, filter, options, cancellationToken);

    /// <inheritdoc />
    public long CountDocuments(IClientSessionHandle session, FilterDefinition<TDocument> filter, CountOptions? options = null, CancellationToken cancellationToken = default) =>
        CountDocumentsCore(Required(session), filter, options, cancellationToken);

    /// <inheritdoc />
    public Task<long> CountDocumentsAsync(FilterDefinition<TDocument> filter, CountOptions? options = null, CancellationToken cancellationToken = default) =>
        CountDocumentsCoreAsync(null, filter, options, cancellationToken);

    /// <inheritdoc />
    public Task<long> CountDocumentsAsync(IClientSessionHandle session, FilterDefinition<TDocument> filter, CountOptions? options = null, CancellationToken cancellationToken = default) =>
        CountDocumentsCoreAsync(Required(session), filter, options, cancellationToken);

    /// <inheritdoc />
    public long Count(FilterDefinition<TDocument> filter, CountOptions? options = null, CancellationToken cancellationToken = default) =>
        CountCore(null, filter, options, cancellationToken);

    /// <inheritdoc />
    public long Count(IClientSessionHandle session, FilterDefinition<TDocument> filter, CountOptions? options = null, CancellationToken cancellationToken = default) =>
        CountCore(Required(session), filter, options, cancellationToken);

    /// <inheritdoc />
    public Task<long> CountAsync(FilterDefinition<TDocument> filter, CountOptions? options = null, CancellationToken cancellationToken = default) =>
        CountCoreAsync(null, filter, options, cancellationToken);

    /// <inheritdoc />
    public Task<long> CountAsync(IClientSessionHandle session, FilterDefinition<TDocument> filter, CountOptions? options = null, CancellationToken cancellationToken = default) =>
        CountCoreAsync(Required(session), filter, options, cancellationToken);

    /// <summary>Passed through: the estimate reads collection metadata, not documents.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The estimated number of documents.</returns>
    public long EstimatedDocumentCount(EstimatedDocumentCountOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.EstimatedDocumentCount(options, cancellationToken);

    /// <summary>Passed through: the estimate reads collection metadata, not documents.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The estimated number of documents.</returns>
    public Task<long> EstimatedDocumentCountAsync(EstimatedDocumentCountOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.EstimatedDocumentCountAsync(options, cancellationToken);

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

    private long CountDocumentsCore(IClientSessionHandle? session, FilterDefinition<TDocument> filter, CountOptions? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            FilterDefinition<TDocument> rewritten = RewriteFilter(filter, Active());
            return session is null ? inner.CountDocuments(rewritten, options, cancellationToken) : inner.CountDocuments(session, rewritten, options, cancellationToken);
        }
    }

    private async Task<long> CountDocumentsCoreAsync(IClientSessionHandle? session, FilterDefinition<TDocument> filter, CountOptions? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            FilterDefinition<TDocument> rewritten = RewriteFilter(filter, Active());
            return await (session is null ? inner.CountDocumentsAsync(rewritten, options, cancellationToken) : inner.CountDocumentsAsync(session, rewritten, options, cancellationToken)).ConfigureAwait(false);
        }
    }

    private long CountCore(IClientSessionHandle? session, FilterDefinition<TDocument> filter, CountOptions? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            FilterDefinition<TDocument> rewritten = RewriteFilter(filter, Active());
            return session is null ? inner.Count(rewritten, options, cancellationToken) : inner.Count(session, rewritten, options, cancellationToken);
        }
    }

    private async Task<long> CountCoreAsync(IClientSessionHandle? session, FilterDefinition<TDocument> filter, CountOptions? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            FilterDefinition<TDocument> rewritten = RewriteFilter(filter, Active());
            return await (session is null ? inner.CountAsync(rewritten, options, cancellationToken) : inner.CountAsync(session, rewritten, options, cancellationToken)).ConfigureAwait(false);
        }
    }

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
