using MongoDB.Bson;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>
/// findAndModify with a sort on a field whose reads still coalesce: findAndModify sorts by stored values, so the document
/// is selected by an aggregation that sorts coalesced values, then modified by <c>_id</c> (and the rewritten filter, so a
/// document that stopped matching in between is left alone and the selection is retried).
/// </summary>
internal sealed partial class MigratingCollection<TDocument>
{
    /// <summary>Attempts before giving up when the selected document keeps changing between selection and modification.</summary>
    private const int MaxSelectionAttempts = 3;

    private FindAndModifyPlan<TOptions> PlanFindAndModify<TProjection, TOptions>(
        string operation,
        IReadOnlyList<ActiveMigration> active,
        BsonDocumentFilterDefinition<TDocument> filter,
        TOptions? options,
        ProjectionDefinition<TDocument, TProjection>? projection,
        SortDefinition<TDocument>? sort,
        Func<TOptions, AggregateOptions> selectionOptions,
        Func<TOptions, ProjectionDefinition<TDocument, TProjection>?, SortDefinition<TDocument>?, bool, TOptions> copy)
        where TOptions : class
    {
        ProjectionDefinition<TDocument, TProjection>? rewritten = RewriteProjection(projection, active, out ActiveMigration? coalescing);
        if (coalescing is { } projected)
        {
            throw new MigrationNotSupportedException(projected.Migration.Id, projected.Phase, operation + " with a projection to " + typeof(TProjection).Name,
                $"the projection reads '{projected.Migration.NewPath}', which documents may hold only as '{projected.Migration.OldPath}' until the migration reaches SwitchRead, " +
                $"and findAndModify cannot coalesce values on the server. Return {typeof(TDocument).Name} (which is coalesced) and project in memory.");
        }

        if (options is null)
        {
            return new FindAndModifyPlan<TOptions>(filter, null, null, null);
        }

        if (!NeedsCoalescing(sort, active, out BsonDocument renderedSort))
        {
            return new FindAndModifyPlan<TOptions>(filter, copy(options, rewritten, sort, true), null, null);
        }

        if (default(TProjection) is not null)
        {
            ActiveMigration sorted = CoalescingMigrationIn(renderedSort, active) ?? FirstBeforeSwitchRead(active) ?? active[0];
            throw new MigrationNotSupportedException(sorted.Migration.Id, sorted.Phase, $"{operation} with a sort and a {typeof(TProjection).Name} result",
                "the sort reads coalesced values, so the document is selected first and modified by _id, which needs a result that can be null to tell " +
                "that it changed in between. Project into a nullable type.");
        }

        BsonDocument[] ordered = [new("$sort", renderedSort), new("$limit", 1), new("$project", new BsonDocument("_id", 1))];
        var selection = new SortedSelection(
            new BsonDocumentStagePipelineDefinition<TDocument, BsonDocument>(
                [new BsonDocument("$match", filter.Document), .. PipelineRewriter.Rewrite(ordered, active)], BsonDocumentSerializer.Instance),
            selectionOptions(options));
        return new FindAndModifyPlan<TOptions>(filter, copy(options, rewritten, null, true), copy(options, rewritten, null, false), selection);
    }

    private TProjection ExecuteFindAndModify<TProjection, TOptions>(
        IClientSessionHandle? session, FindAndModifyPlan<TOptions> plan, Func<FilterDefinition<TDocument>, TOptions?, TProjection> modify, CancellationToken cancellationToken)
        where TOptions : class
    {
        if (plan.Selection is null)
        {
            return modify(plan.Filter, plan.Options);
        }

        for (int attempt = 0; attempt < MaxSelectionAttempts; attempt++)
        {
            using IAsyncCursor<BsonDocument> first = session is null
                ? inner.Aggregate(plan.Selection.Pipeline, plan.Selection.Options, cancellationToken)
                : inner.Aggregate(session, plan.Selection.Pipeline, plan.Selection.Options, cancellationToken);
            if (first.FirstOrDefault(cancellationToken) is not { } selected)
            {
                return modify(plan.Filter, plan.Options); // Nothing matches: an upsert inserts, anything else returns null.
            }

            if (modify(ById(plan.Filter, selected), plan.ByIdOptions) is { } result)
            {
                return result;
            }
        }

        throw SelectionContention();
    }

    private async Task<TProjection> ExecuteFindAndModifyAsync<TProjection, TOptions>(
        IClientSessionHandle? session, FindAndModifyPlan<TOptions> plan, Func<FilterDefinition<TDocument>, TOptions?, Task<TProjection>> modify, CancellationToken cancellationToken)
        where TOptions : class
    {
        if (plan.Selection is null)
        {
            return await modify(plan.Filter, plan.Options).ConfigureAwait(false);
        }

        for (int attempt = 0; attempt < MaxSelectionAttempts; attempt++)
        {
            using IAsyncCursor<BsonDocument> first = await (session is null
                ? inner.AggregateAsync(plan.Selection.Pipeline, plan.Selection.Options, cancellationToken)
                : inner.AggregateAsync(session, plan.Selection.Pipeline, plan.Selection.Options, cancellationToken)).ConfigureAwait(false);
            if (await first.FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is not { } selected)
            {
                return await modify(plan.Filter, plan.Options).ConfigureAwait(false);
            }

            if (await modify(ById(plan.Filter, selected), plan.ByIdOptions).ConfigureAwait(false) is { } result)
            {
                return result;
            }
        }

        throw SelectionContention();
    }

    private static FilterDefinition<TDocument> ById(BsonDocumentFilterDefinition<TDocument> filter, BsonDocument selected) =>
        new BsonDocumentFilterDefinition<TDocument>(new BsonDocument("$and", new BsonArray { filter.Document, new BsonDocument("_id", selected["_id"]) }));

    private static ZeroDowntimeMigrationException SelectionContention() => new(null,
        $"The document selected by the coalesced sort changed before it could be modified, {MaxSelectionAttempts} times in a row; " +
        "the operation was not carried out. Retry it, or sort on a field that is not migrating.");

    /// <summary>The rewritten filter and options of a findAndModify and, when its sort reads coalesced values, the selection to run first.</summary>
    private sealed record FindAndModifyPlan<TOptions>(BsonDocumentFilterDefinition<TDocument> Filter, TOptions? Options, TOptions? ByIdOptions, SortedSelection? Selection)
        where TOptions : class;

    /// <summary>The aggregation that picks the first document by a sort on coalesced values.</summary>
    private sealed record SortedSelection(PipelineDefinition<TDocument, BsonDocument> Pipeline, AggregateOptions Options);
}
