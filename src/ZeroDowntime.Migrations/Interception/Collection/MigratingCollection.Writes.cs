using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>
/// Inserts, replaces and deletes. Whole documents are dual-written by the document serializer; filters are rewritten.
/// Each call goes to the inner collection's matching method, so results and exceptions are the driver's own.
/// </summary>
internal sealed partial class MigratingCollection<TDocument>
{
    /// <inheritdoc />
    public void InsertOne(TDocument document, InsertOneOptions? options = null, CancellationToken cancellationToken = default)
    {
        using (Enter())
        {
            inner.InsertOne(document, options, cancellationToken);
        }
    }

    /// <inheritdoc />
    public void InsertOne(IClientSessionHandle session, TDocument document, InsertOneOptions? options = null, CancellationToken cancellationToken = default)
    {
        using (Enter())
        {
            inner.InsertOne(session, document, options, cancellationToken);
        }
    }

    /// <inheritdoc />
    [Obsolete("Use the new overload of InsertOneAsync with an InsertOneOptions parameter instead.")]
    public Task InsertOneAsync(TDocument document, CancellationToken _cancellationToken) => InsertOneAsync(document, null, _cancellationToken);

    /// <inheritdoc />
    public async Task InsertOneAsync(TDocument document, InsertOneOptions? options = null, CancellationToken cancellationToken = default)
    {
        using (Enter())
        {
            await inner.InsertOneAsync(document, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task InsertOneAsync(IClientSessionHandle session, TDocument document, InsertOneOptions? options = null, CancellationToken cancellationToken = default)
    {
        using (Enter())
        {
            await inner.InsertOneAsync(session, document, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void InsertMany(IEnumerable<TDocument> documents, InsertManyOptions? options = null, CancellationToken cancellationToken = default)
    {
        using (Enter())
        {
            inner.InsertMany(documents, options, cancellationToken);
        }
    }

    /// <inheritdoc />
    public void InsertMany(IClientSessionHandle session, IEnumerable<TDocument> documents, InsertManyOptions? options = null, CancellationToken cancellationToken = default)
    {
        using (Enter())
        {
            inner.InsertMany(session, documents, options, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task InsertManyAsync(IEnumerable<TDocument> documents, InsertManyOptions? options = null, CancellationToken cancellationToken = default)
    {
        using (Enter())
        {
            await inner.InsertManyAsync(documents, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task InsertManyAsync(IClientSessionHandle session, IEnumerable<TDocument> documents, InsertManyOptions? options = null, CancellationToken cancellationToken = default)
    {
        using (Enter())
        {
            await inner.InsertManyAsync(session, documents, options, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ReplaceOneResult ReplaceOne(FilterDefinition<TDocument> filter, TDocument replacement, ReplaceOptions? options = null, CancellationToken cancellationToken = default) =>
        ReplaceOneCore(null, filter, replacement, options, cancellationToken);

    /// <inheritdoc />
    public ReplaceOneResult ReplaceOne(IClientSessionHandle session, FilterDefinition<TDocument> filter, TDocument replacement, ReplaceOptions? options = null, CancellationToken cancellationToken = default) =>
        ReplaceOneCore(Required(session), filter, replacement, options, cancellationToken);

    /// <inheritdoc />
    [Obsolete("Use the overload that takes a ReplaceOptions instead of an UpdateOptions.")]
    public ReplaceOneResult ReplaceOne(FilterDefinition<TDocument> filter, TDocument replacement, UpdateOptions options, CancellationToken cancellationToken = default) =>
        ReplaceOneCore(null, filter, replacement, ToReplaceOptions(options), cancellationToken);

    /// <inheritdoc />
    [Obsolete("Use the overload that takes a ReplaceOptions instead of an UpdateOptions.")]
    public ReplaceOneResult ReplaceOne(IClientSessionHandle session, FilterDefinition<TDocument> filter, TDocument replacement, UpdateOptions options, CancellationToken cancellationToken = default) =>
        ReplaceOneCore(Required(session), filter, replacement, ToReplaceOptions(options), cancellationToken);

    /// <inheritdoc />
    public Task<ReplaceOneResult> ReplaceOneAsync(FilterDefinition<TDocument> filter, TDocument replacement, ReplaceOptions? options = null, CancellationToken cancellationToken = default) =>
        ReplaceOneCoreAsync(null, filter, replacement, options, cancellationToken);

    /// <inheritdoc />
    public Task<ReplaceOneResult> ReplaceOneAsync(IClientSessionHandle session, FilterDefinition<TDocument> filter, TDocument replacement, ReplaceOptions? options = null, CancellationToken cancellationToken = default) =>
        ReplaceOneCoreAsync(Required(session), filter, replacement, options, cancellationToken);

    /// <inheritdoc />
    [Obsolete("Use the overload that takes a ReplaceOptions instead of an UpdateOptions.")]
    public Task<ReplaceOneResult> ReplaceOneAsync(FilterDefinition<TDocument> filter, TDocument replacement, UpdateOptions options, CancellationToken cancellationToken = default) =>
        ReplaceOneCoreAsync(null, filter, replacement, ToReplaceOptions(options), cancellationToken);

    /// <inheritdoc />
    [Obsolete("Use the overload that takes a ReplaceOptions instead of an UpdateOptions.")]
    public Task<ReplaceOneResult> ReplaceOneAsync(IClientSessionHandle session, FilterDefinition<TDocument> filter, TDocument replacement, UpdateOptions options, CancellationToken cancellationToken = default) =>
        ReplaceOneCoreAsync(Required(session), filter, replacement, ToReplaceOptions(options), cancellationToken);

    /// <inheritdoc />
    public DeleteResult DeleteOne(FilterDefinition<TDocument> filter, CancellationToken cancellationToken = default) =>
        DeleteCore(null, filter, null, many: false, cancellationToken);

    /// <inheritdoc />
    public DeleteResult DeleteOne(FilterDefinition<TDocument> filter, DeleteOptions options, CancellationToken cancellationToken = default) =>
        DeleteCore(null, filter, options, many: false, cancellationToken);

    /// <inheritdoc />
    public DeleteResult DeleteOne(IClientSessionHandle session, FilterDefinition<TDocument> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        DeleteCore(Required(session), filter, options, many: false, cancellationToken);

    /// <inheritdoc />
    public Task<DeleteResult> DeleteOneAsync(FilterDefinition<TDocument> filter, CancellationToken cancellationToken = default) =>
        DeleteCoreAsync(null, filter, null, many: false, cancellationToken);

    /// <inheritdoc />
    public Task<DeleteResult> DeleteOneAsync(FilterDefinition<TDocument> filter, DeleteOptions options, CancellationToken cancellationToken = default) =>
        DeleteCoreAsync(null, filter, options, many: false, cancellationToken);

    /// <inheritdoc />
    public Task<DeleteResult> DeleteOneAsync(IClientSessionHandle session, FilterDefinition<TDocument> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        DeleteCoreAsync(Required(session), filter, options, many: false, cancellationToken);

    /// <inheritdoc />
    public DeleteResult DeleteMany(FilterDefinition<TDocument> filter, CancellationToken cancellationToken = default) =>
        DeleteCore(null, filter, null, many: true, cancellationToken);

    /// <inheritdoc />
    public DeleteResult DeleteMany(FilterDefinition<TDocument> filter, DeleteOptions options, CancellationToken cancellationToken = default) =>
        DeleteCore(null, filter, options, many: true, cancellationToken);

    /// <inheritdoc />
    public DeleteResult DeleteMany(IClientSessionHandle session, FilterDefinition<TDocument> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        DeleteCore(Required(session), filter, options, many: true, cancellationToken);

    /// <inheritdoc />
    public Task<DeleteResult> DeleteManyAsync(FilterDefinition<TDocument> filter, CancellationToken cancellationToken = default) =>
        DeleteCoreAsync(null, filter, null, many: true, cancellationToken);

    /// <inheritdoc />
    public Task<DeleteResult> DeleteManyAsync(FilterDefinition<TDocument> filter, DeleteOptions options, CancellationToken cancellationToken = default) =>
        DeleteCoreAsync(null, filter, options, many: true, cancellationToken);

    /// <inheritdoc />
    public Task<DeleteResult> DeleteManyAsync(IClientSessionHandle session, FilterDefinition<TDocument> filter, DeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        DeleteCoreAsync(Required(session), filter, options, many: true, cancellationToken);

    private ReplaceOneResult ReplaceOneCore(IClientSessionHandle? session, FilterDefinition<TDocument> filter, TDocument replacement, ReplaceOptions? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            FilterDefinition<TDocument> rewritten = RewriteReplaceFilter(filter, options);
            return session is null
                ? inner.ReplaceOne(rewritten, replacement, options, cancellationToken)
                : inner.ReplaceOne(session, rewritten, replacement, options, cancellationToken);
        }
    }

    private async Task<ReplaceOneResult> ReplaceOneCoreAsync(IClientSessionHandle? session, FilterDefinition<TDocument> filter, TDocument replacement, ReplaceOptions? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            FilterDefinition<TDocument> rewritten = RewriteReplaceFilter(filter, options);
            return await (session is null
                ? inner.ReplaceOneAsync(rewritten, replacement, options, cancellationToken)
                : inner.ReplaceOneAsync(session, rewritten, replacement, options, cancellationToken)).ConfigureAwait(false);
        }
    }

    private FilterDefinition<TDocument> RewriteReplaceFilter(FilterDefinition<TDocument> filter, ReplaceOptions? options)
    {
        ActiveMigration[] active = Active();
        RefuseCoalescedSort((options as ReplaceOptions<TDocument>)?.Sort, active, "ReplaceOne");
        return RewriteFilter(filter, active);
    }

    private DeleteResult DeleteCore(IClientSessionHandle? session, FilterDefinition<TDocument> filter, DeleteOptions? options, bool many, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            FilterDefinition<TDocument> rewritten = RewriteFilter(filter, Active());
            return (many, session) switch
            {
                (true, null) => inner.DeleteMany(rewritten, options, cancellationToken),
                (true, _) => inner.DeleteMany(session, rewritten, options, cancellationToken),
                (false, null) => inner.DeleteOne(rewritten, options, cancellationToken),
                (false, _) => inner.DeleteOne(session, rewritten, options, cancellationToken),
            };
        }
    }

    private async Task<DeleteResult> DeleteCoreAsync(IClientSessionHandle? session, FilterDefinition<TDocument> filter, DeleteOptions? options, bool many, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            FilterDefinition<TDocument> rewritten = RewriteFilter(filter, Active());
            return await ((many, session) switch
            {
                (true, null) => inner.DeleteManyAsync(rewritten, options, cancellationToken),
                (true, _) => inner.DeleteManyAsync(session, rewritten, options, cancellationToken),
                (false, null) => inner.DeleteOneAsync(rewritten, options, cancellationToken),
                (false, _) => inner.DeleteOneAsync(session, rewritten, options, cancellationToken),
            }).ConfigureAwait(false);
        }
    }

    /// <summary>The conversion the driver makes for the obsolete <see cref="UpdateOptions"/> overloads of ReplaceOne.</summary>
    private static ReplaceOptions? ToReplaceOptions(UpdateOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        ReplaceOptions replace = options is UpdateOptions<TDocument> typed ? new ReplaceOptions<TDocument> { Sort = typed.Sort } : new ReplaceOptions();
        replace.BypassDocumentValidation = options.BypassDocumentValidation;
        replace.Collation = options.Collation;
        replace.Comment = options.Comment;
        replace.Hint = options.Hint;
        replace.IsUpsert = options.IsUpsert;
        replace.Let = options.Let;
        return replace;
    }
}
