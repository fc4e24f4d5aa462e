using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>Counts: rewritten filters (the estimate reads metadata and passes through).</summary>
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

#pragma warning disable CS0618 // Count is obsolete in the driver but still part of the interface: forwarded with a rewritten filter.
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
#pragma warning restore CS0618
}
