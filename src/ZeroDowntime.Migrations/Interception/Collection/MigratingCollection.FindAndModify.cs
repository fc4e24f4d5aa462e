using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>
/// FindOneAndUpdate/Replace/Delete: rewritten filter, update and projection. A sort on a field whose reads still coalesce
/// is refused (see <see cref="RefuseCoalescedSort"/>), and so is a projection into a type the migrating serializer does
/// not read, because findAndModify can neither run a coalescing stage nor project computed values from one.
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
            (UpdateCall call, FindOneAndUpdateOptions<TDocument, TProjection>? rewritten) = PlanFindOneAndUpdate(filter, update, options);
            Materialize(session, call.Materialize, options?.Collation, options?.Let, cancellationToken);
            return session is null
                ? inner.FindOneAndUpdate(call.Filter, call.Update, rewritten, cancellationToken)
                : inner.FindOneAndUpdate(session, call.Filter, call.Update, rewritten, cancellationToken);
        }
    }

    private async Task<TProjection> FindOneAndUpdateCoreAsync<TProjection>(IClientSessionHandle? session, FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, FindOneAndUpdateOptions<TDocument, TProjection>? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            (UpdateCall call, FindOneAndUpdateOptions<TDocument, TProjection>? rewritten) = PlanFindOneAndUpdate(filter, update, options);
            await MaterializeAsync(session, call.Materialize, options?.Collation, options?.Let, cancellationToken).ConfigureAwait(false);
            return await (session is null
                ? inner.FindOneAndUpdateAsync(call.Filter, call.Update, rewritten, cancellationToken)
                : inner.FindOneAndUpdateAsync(session, call.Filter, call.Update, rewritten, cancellationToken)).ConfigureAwait(false);
        }
    }

    private TProjection FindOneAndReplaceCore<TProjection>(IClientSessionHandle? session, FilterDefinition<TDocument> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument, TProjection>? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            (FilterDefinition<TDocument> rewrittenFilter, FindOneAndReplaceOptions<TDocument, TProjection>? rewritten) = PlanFindOneAndReplace(filter, options);
            return session is null
                ? inner.FindOneAndReplace(rewrittenFilter, replacement, rewritten, cancellationToken)
                : inner.FindOneAndReplace(session, rewrittenFilter, replacement, rewritten, cancellationToken);
        }
    }

    private async Task<TProjection> FindOneAndReplaceCoreAsync<TProjection>(IClientSessionHandle? session, FilterDefinition<TDocument> filter, TDocument replacement, FindOneAndReplaceOptions<TDocument, TProjection>? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            (FilterDefinition<TDocument> rewrittenFilter, FindOneAndReplaceOptions<TDocument, TProjection>? rewritten) = PlanFindOneAndReplace(filter, options);
            return await (session is null
                ? inner.FindOneAndReplaceAsync(rewrittenFilter, replacement, rewritten, cancellationToken)
                : inner.FindOneAndReplaceAsync(session, rewrittenFilter, replacement, rewritten, cancellationToken)).ConfigureAwait(false);
        }
    }

    private TProjection FindOneAndDeleteCore<TProjection>(IClientSessionHandle? session, FilterDefinition<TDocument> filter, FindOneAndDeleteOptions<TDocument, TProjection>? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            (FilterDefinition<TDocument> rewrittenFilter, FindOneAndDeleteOptions<TDocument, TProjection>? rewritten) = PlanFindOneAndDelete(filter, options);
            return session is null
                ? inner.FindOneAndDelete(rewrittenFilter, rewritten, cancellationToken)
                : inner.FindOneAndDelete(session, rewrittenFilter, rewritten, cancellationToken);
        }
    }

    private async Task<TProjection> FindOneAndDeleteCoreAsync<TProjection>(IClientSessionHandle? session, FilterDefinition<TDocument> filter, FindOneAndDeleteOptions<TDocument, TProjection>? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            (FilterDefinition<TDocument> rewrittenFilter, FindOneAndDeleteOptions<TDocument, TProjection>? rewritten) = PlanFindOneAndDelete(filter, options);
            return await (session is null
                ? inner.FindOneAndDeleteAsync(rewrittenFilter, rewritten, cancellationToken)
                : inner.FindOneAndDeleteAsync(session, rewrittenFilter, rewritten, cancellationToken)).ConfigureAwait(false);
        }
    }

    private (UpdateCall, FindOneAndUpdateOptions<TDocument, TProjection>?) PlanFindOneAndUpdate<TProjection>(
        FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, FindOneAndUpdateOptions<TDocument, TProjection>? options)
    {
        ActiveMigration[] active = Active();
        RefuseCoalescedSort(options?.Sort, active, "FindOneAndUpdate");
        ProjectionDefinition<TDocument, TProjection>? projection = RewriteFindAndModifyProjection(options?.Projection, active, "FindOneAndUpdate");
        UpdateCall call = RewriteUpdate(filter, update, options?.IsUpsert == true, active);
        return (call, options is null ? null : FindAndModifyOptionsCopy.WithProjection(options, projection));
    }

    private (FilterDefinition<TDocument>, FindOneAndReplaceOptions<TDocument, TProjection>?) PlanFindOneAndReplace<TProjection>(
        FilterDefinition<TDocument> filter, FindOneAndReplaceOptions<TDocument, TProjection>? options)
    {
        ActiveMigration[] active = Active();
        RefuseCoalescedSort(options?.Sort, active, "FindOneAndReplace");
        ProjectionDefinition<TDocument, TProjection>? projection = RewriteFindAndModifyProjection(options?.Projection, active, "FindOneAndReplace");
        return (RewriteFilter(filter, active), options is null ? null : FindAndModifyOptionsCopy.WithProjection(options, projection));
    }

    private (FilterDefinition<TDocument>, FindOneAndDeleteOptions<TDocument, TProjection>?) PlanFindOneAndDelete<TProjection>(
        FilterDefinition<TDocument> filter, FindOneAndDeleteOptions<TDocument, TProjection>? options)
    {
        ActiveMigration[] active = Active();
        RefuseCoalescedSort(options?.Sort, active, "FindOneAndDelete");
        ProjectionDefinition<TDocument, TProjection>? projection = RewriteFindAndModifyProjection(options?.Projection, active, "FindOneAndDelete");
        return (RewriteFilter(filter, active), options is null ? null : FindAndModifyOptionsCopy.WithProjection(options, projection));
    }

    private ProjectionDefinition<TDocument, TProjection>? RewriteFindAndModifyProjection<TProjection>(
        ProjectionDefinition<TDocument, TProjection>? projection, IReadOnlyList<ActiveMigration> active, string operation)
    {
        ProjectionDefinition<TDocument, TProjection>? rewritten = RewriteProjection(projection, active, out ActiveMigration? coalescing);
        if (coalescing is { } migration)
        {
            throw new MigrationNotSupportedException(migration.Migration.Id, migration.Phase, operation + " with a projection to " + typeof(TProjection).Name,
                $"the projection reads '{migration.Migration.NewPath}', which documents may hold only as '{migration.Migration.OldPath}' until the migration reaches SwitchRead, " +
                $"and only {typeof(TDocument).Name} results are coalesced by findAndModify. Return {typeof(TDocument).Name} and project in memory.");
        }

        return rewritten;
    }
}
