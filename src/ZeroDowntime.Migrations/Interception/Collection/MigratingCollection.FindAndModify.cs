using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>
/// FindOneAndUpdate/Replace/Delete: rewritten filter, update and projection. findAndModify cannot run a coalescing stage,
/// so a sort on a field whose reads still coalesce first selects the document with an aggregation and then modifies it by
/// <c>_id</c> (see <see cref="ExecuteFindAndModify{TProjection, TOptions}"/>), and a projection into a type the migrating
/// serializer does not read is refused.
/// </summary>
internal sealed partial class MigratingCollection<TDocument>
{
    /// <inheritdoc />
    public TProjection FindOneAndUpdate<TProjection>(FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, FindOneAndUpdateOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindOneAndUpdateCore(null, filter, update, options, cancellationToken);

    /// <inheritdoc />
    public TProjection FindOneAndUpdate<TProjection>(IClientSessionHandle session, FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, FindOneAndUpdateOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindOneAndUpdateCore(Required(session), filter, update, options, cancellationToken);

    /// <inheritdoc />
    public Task<TProjection> FindOneAndUpdateAsync<TProjection>(FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, FindOneAndUpdateOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindOneAndUpdateCoreAsync(null, filter, update, options, cancellationToken);

    /// <inheritdoc />
    public Task<TProjection> FindOneAndUpdateAsync<TProjection>(IClientSessionHandle session, FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, FindOneAndUpdateOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindOneAndUpdateCoreAsync(Required(session), filter, update, options, cancellationToken);

    /// <inheritdoc />
    public TProjection FindOneAndReplace<TProjection>(FilterDefinition<TDocument> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindOneAndReplaceCore(null, filter, replacement, options, cancellationToken);

    /// <inheritdoc />
    public TProjection FindOneAndReplace<TProjection>(IClientSessionHandle session, FilterDefinition<TDocument> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindOneAndReplaceCore(Required(session), filter, replacement, options, cancellationToken);

    /// <inheritdoc />
    public Task<TProjection> FindOneAndReplaceAsync<TProjection>(FilterDefinition<TDocument> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindOneAndReplaceCoreAsync(null, filter, replacement, options, cancellationToken);

    /// <inheritdoc />
    public Task<TProjection> FindOneAndReplaceAsync<TProjection>(IClientSessionHandle session, FilterDefinition<TDocument> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindOneAndReplaceCoreAsync(Required(session), filter, replacement, options, cancellationToken);

    /// <inheritdoc />
    public TProjection FindOneAndDelete<TProjection>(FilterDefinition<TDocument> filter, FindOneAndDeleteOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindOneAndDeleteCore(null, filter, options, cancellationToken);

    /// <inheritdoc />
    public TProjection FindOneAndDelete<TProjection>(IClientSessionHandle session, FilterDefinition<TDocument> filter, FindOneAndDeleteOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindOneAndDeleteCore(Required(session), filter, options, cancellationToken);

    /// <inheritdoc />
    public Task<TProjection> FindOneAndDeleteAsync<TProjection>(FilterDefinition<TDocument> filter, FindOneAndDeleteOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindOneAndDeleteCoreAsync(null, filter, options, cancellationToken);

    /// <inheritdoc />
    public Task<TProjection> FindOneAndDeleteAsync<TProjection>(IClientSessionHandle session, FilterDefinition<TDocument> filter, FindOneAndDeleteOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindOneAndDeleteCoreAsync(Required(session), filter, options, cancellationToken);

    private TProjection FindOneAndUpdateCore<TProjection>(IClientSessionHandle? session, FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, FindOneAndUpdateOptions<TDocument, TProjection>? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            (UpdateCall call, FindAndModifyPlan<FindOneAndUpdateOptions<TDocument, TProjection>> plan) = PlanFindOneAndUpdate(filter, update, options);
            Materialize(session, call.Materialize, options?.Collation, options?.Let, cancellationToken);
            return ExecuteFindAndModify(session, plan, (f, o) => session is null
                ? inner.FindOneAndUpdate(f, call.Update, o, cancellationToken)
                : inner.FindOneAndUpdate(session, f, call.Update, o, cancellationToken), cancellationToken);
        }
    }

    private async Task<TProjection> FindOneAndUpdateCoreAsync<TProjection>(IClientSessionHandle? session, FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, FindOneAndUpdateOptions<TDocument, TProjection>? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            (UpdateCall call, FindAndModifyPlan<FindOneAndUpdateOptions<TDocument, TProjection>> plan) = PlanFindOneAndUpdate(filter, update, options);
            await MaterializeAsync(session, call.Materialize, options?.Collation, options?.Let, cancellationToken).ConfigureAwait(false);
            return await ExecuteFindAndModifyAsync(session, plan, (f, o) => session is null
                ? inner.FindOneAndUpdateAsync(f, call.Update, o, cancellationToken)
                : inner.FindOneAndUpdateAsync(session, f, call.Update, o, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    private TProjection FindOneAndReplaceCore<TProjection>(IClientSessionHandle? session, FilterDefinition<TDocument> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument, TProjection>? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            return ExecuteFindAndModify(session, PlanFindOneAndReplace(filter, options), (f, o) => session is null
                ? inner.FindOneAndReplace(f, replacement, o, cancellationToken)
                : inner.FindOneAndReplace(session, f, replacement, o, cancellationToken), cancellationToken);
        }
    }

    private async Task<TProjection> FindOneAndReplaceCoreAsync<TProjection>(IClientSessionHandle? session, FilterDefinition<TDocument> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument, TProjection>? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            return await ExecuteFindAndModifyAsync(session, PlanFindOneAndReplace(filter, options), (f, o) => session is null
                ? inner.FindOneAndReplaceAsync(f, replacement, o, cancellationToken)
                : inner.FindOneAndReplaceAsync(session, f, replacement, o, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    private TProjection FindOneAndDeleteCore<TProjection>(IClientSessionHandle? session, FilterDefinition<TDocument> filter, FindOneAndDeleteOptions<TDocument, TProjection>? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            return ExecuteFindAndModify(session, PlanFindOneAndDelete(filter, options), (f, o) => session is null
                ? inner.FindOneAndDelete(f, o, cancellationToken)
                : inner.FindOneAndDelete(session, f, o, cancellationToken), cancellationToken);
        }
    }

    private async Task<TProjection> FindOneAndDeleteCoreAsync<TProjection>(IClientSessionHandle? session, FilterDefinition<TDocument> filter, FindOneAndDeleteOptions<TDocument, TProjection>? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            return await ExecuteFindAndModifyAsync(session, PlanFindOneAndDelete(filter, options), (f, o) => session is null
                ? inner.FindOneAndDeleteAsync(f, o, cancellationToken)
                : inner.FindOneAndDeleteAsync(session, f, o, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    private (UpdateCall, FindAndModifyPlan<FindOneAndUpdateOptions<TDocument, TProjection>>) PlanFindOneAndUpdate<TProjection>(
        FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, FindOneAndUpdateOptions<TDocument, TProjection>? options)
    {
        ActiveMigration[] active = Active();
        UpdateCall call = RewriteUpdate(filter, update, options?.IsUpsert == true, active);
        return (call, PlanFindAndModify("FindOneAndUpdate", active, call.Filter, options, options?.Projection, options?.Sort,
            o => new AggregateOptions { Collation = o.Collation, Comment = o.Comment, Hint = o.Hint, Let = o.Let, MaxTime = o.MaxTime },
            FindAndModifyOptionsCopy.With));
    }

    private FindAndModifyPlan<FindOneAndReplaceOptions<TDocument, TProjection>> PlanFindOneAndReplace<TProjection>(
        FilterDefinition<TDocument> filter, FindOneAndReplaceOptions<TDocument, TProjection>? options)
    {
        ActiveMigration[] active = Active();
        return PlanFindAndModify("FindOneAndReplace", active, RewriteFilter(filter, active), options, options?.Projection, options?.Sort,
            o => new AggregateOptions { Collation = o.Collation, Comment = o.Comment, Hint = o.Hint, Let = o.Let, MaxTime = o.MaxTime },
            FindAndModifyOptionsCopy.With);
    }

    private FindAndModifyPlan<FindOneAndDeleteOptions<TDocument, TProjection>> PlanFindOneAndDelete<TProjection>(
        FilterDefinition<TDocument> filter, FindOneAndDeleteOptions<TDocument, TProjection>? options)
    {
        ActiveMigration[] active = Active();
        return PlanFindAndModify("FindOneAndDelete", active, RewriteFilter(filter, active), options, options?.Projection, options?.Sort,
            o => new AggregateOptions { Collation = o.Collation, Comment = o.Comment, Hint = o.Hint, Let = o.Let, MaxTime = o.MaxTime },
            (o, projection, sort, _) => FindAndModifyOptionsCopy.With(o, projection, sort));
    }
}
