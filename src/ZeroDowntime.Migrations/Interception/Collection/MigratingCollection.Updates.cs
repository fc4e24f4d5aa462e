using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>Updates: a rewritten filter and a mirrored update, after the materializing writes the update needs.</summary>
internal sealed partial class MigratingCollection<TDocument>
{
    /// <inheritdoc />
    public UpdateResult UpdateOne(FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) =>
        UpdateCore(null, filter, update, options, many: false, cancellationToken);

    /// <inheritdoc />
    public UpdateResult UpdateOne(IClientSessionHandle session, FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) =>
        UpdateCore(Required(session), filter, update, options, many: false, cancellationToken);

    /// <inheritdoc />
    public Task<UpdateResult> UpdateOneAsync(FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) =>
        UpdateCoreAsync(null, filter, update, options, many: false, cancellationToken);

    /// <inheritdoc />
    public Task<UpdateResult> UpdateOneAsync(IClientSessionHandle session, FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) =>
        UpdateCoreAsync(Required(session), filter, update, options, many: false, cancellationToken);

    /// <inheritdoc />
    public UpdateResult UpdateMany(FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) =>
        UpdateCore(null, filter, update, options, many: true, cancellationToken);

    /// <inheritdoc />
    public UpdateResult UpdateMany(IClientSessionHandle session, FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) =>
        UpdateCore(Required(session), filter, update, options, many: true, cancellationToken);

    /// <inheritdoc />
    public Task<UpdateResult> UpdateManyAsync(FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) =>
        UpdateCoreAsync(null, filter, update, options, many: true, cancellationToken);

    /// <inheritdoc />
    public Task<UpdateResult> UpdateManyAsync(IClientSessionHandle session, FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, UpdateOptions? options = null, CancellationToken cancellationToken = default) =>
        UpdateCoreAsync(Required(session), filter, update, options, many: true, cancellationToken);

    private UpdateResult UpdateCore(IClientSessionHandle? session, FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, UpdateOptions? options, bool many, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            UpdateCall call = PlanUpdate(filter, update, options, many);
            Materialize(session, call.Materialize, options?.Collation, options?.Let, cancellationToken);
            return (many, session) switch
            {
                (true, null) => inner.UpdateMany(call.Filter, call.Update, options, cancellationToken),
                (true, _) => inner.UpdateMany(session, call.Filter, call.Update, options, cancellationToken),
                (false, null) => inner.UpdateOne(call.Filter, call.Update, options, cancellationToken),
                (false, _) => inner.UpdateOne(session, call.Filter, call.Update, options, cancellationToken),
            };
        }
    }

    private async Task<UpdateResult> UpdateCoreAsync(IClientSessionHandle? session, FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, UpdateOptions? options, bool many, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            UpdateCall call = PlanUpdate(filter, update, options, many);
            await MaterializeAsync(session, call.Materialize, options?.Collation, options?.Let, cancellationToken).ConfigureAwait(false);
            return await ((many, session) switch
            {
                (true, null) => inner.UpdateManyAsync(call.Filter, call.Update, options, cancellationToken),
                (true, _) => inner.UpdateManyAsync(session, call.Filter, call.Update, options, cancellationToken),
                (false, null) => inner.UpdateOneAsync(call.Filter, call.Update, options, cancellationToken),
                (false, _) => inner.UpdateOneAsync(session, call.Filter, call.Update, options, cancellationToken),
            }).ConfigureAwait(false);
        }
    }

    private UpdateCall PlanUpdate(FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, UpdateOptions? options, bool many)
    {
        ActiveMigration[] active = Active();
        if (!many)
        {
            RefuseCoalescedSort((options as UpdateOptions<TDocument>)?.Sort, active, "UpdateOne");
        }

        return RewriteUpdate(filter, update, options?.IsUpsert == true, active);
    }

    /// <summary>Runs the materializing writes, with the caller's collation and variables so that they match the same documents.</summary>
    private void Materialize(IClientSessionHandle? session, IReadOnlyList<Materialization> writes, Collation? collation, BsonDocument? let, CancellationToken cancellationToken)
    {
        foreach (Materialization write in writes)
        {
            var options = new UpdateOptions { Collation = collation, Let = let };
            _ = session is null
                ? inner.UpdateMany(write.Filter, write.Update, options, cancellationToken)
                : inner.UpdateMany(session, write.Filter, write.Update, options, cancellationToken);
        }
    }

    private async Task MaterializeAsync(IClientSessionHandle? session, IReadOnlyList<Materialization> writes, Collation? collation, BsonDocument? let, CancellationToken cancellationToken)
    {
        foreach (Materialization write in writes)
        {
            var options = new UpdateOptions { Collation = collation, Let = let };
            _ = await (session is null
                ? inner.UpdateManyAsync(write.Filter, write.Update, options, cancellationToken)
                : inner.UpdateManyAsync(session, write.Filter, write.Update, options, cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Refuses a sort of a single-document write on a field whose reads still coalesce: the server picks the document by
    /// stored values, and a coalescing stage cannot run inside a write, so it could pick the wrong document.
    /// </summary>
    private void RefuseCoalescedSort(SortDefinition<TDocument>? sort, IReadOnlyList<ActiveMigration> active, string operation)
    {
        if (!NeedsCoalescing(sort, active, out BsonDocument rendered))
        {
            return;
        }

        ActiveMigration migration = CoalescingMigrationIn(rendered, active) ?? FirstBeforeSwitchRead(active) ?? active[0];
        throw new MigrationNotSupportedException(migration.Migration.Id, migration.Phase, operation + " with a sort",
            $"the sort reads '{migration.Migration.NewPath}', which documents may hold only as '{migration.Migration.OldPath}' until the migration reaches SwitchRead, " +
            "and a write cannot sort on coalesced values. Sort on other fields, or find the document first and write it by _id.");
    }
}
