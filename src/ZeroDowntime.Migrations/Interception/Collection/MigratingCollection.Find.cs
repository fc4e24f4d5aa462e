using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>Find: a rewritten find, or — when the sort or the projection needs coalesced values — the same query as an aggregation.</summary>
internal sealed partial class MigratingCollection<TDocument>
{
    /// <inheritdoc />
    public IAsyncCursor<TProjection> FindSync<TProjection>(FilterDefinition<TDocument> filter, FindOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindCore(null, filter, options, cancellationToken);

    /// <inheritdoc />
    public IAsyncCursor<TProjection> FindSync<TProjection>(IClientSessionHandle session, FilterDefinition<TDocument> filter, FindOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindCore(Required(session), filter, options, cancellationToken);

    /// <inheritdoc />
    public Task<IAsyncCursor<TProjection>> FindAsync<TProjection>(FilterDefinition<TDocument> filter, FindOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindCoreAsync(null, filter, options, cancellationToken);

    /// <inheritdoc />
    public Task<IAsyncCursor<TProjection>> FindAsync<TProjection>(IClientSessionHandle session, FilterDefinition<TDocument> filter, FindOptions<TDocument, TProjection>? options = null, CancellationToken cancellationToken = default) =>
        FindCoreAsync(Required(session), filter, options, cancellationToken);

    private IAsyncCursor<TProjection> FindCore<TProjection>(IClientSessionHandle? session, FilterDefinition<TDocument> filter, FindOptions<TDocument, TProjection>? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            FindPlan<TProjection> plan = PlanFind(filter, options);
            IAsyncCursor<TProjection> cursor = plan.Pipeline is not null
                ? session is null ? inner.Aggregate(plan.Pipeline, plan.AggregateOptions, cancellationToken) : inner.Aggregate(session, plan.Pipeline, plan.AggregateOptions, cancellationToken)
                : session is null ? inner.FindSync(plan.Filter, plan.Options, cancellationToken) : inner.FindSync(session, plan.Filter, plan.Options, cancellationToken);
            return new PhaseScopedCursor<TProjection>(cursor, phases);
        }
    }

    private async Task<IAsyncCursor<TProjection>> FindCoreAsync<TProjection>(IClientSessionHandle? session, FilterDefinition<TDocument> filter, FindOptions<TDocument, TProjection>? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            FindPlan<TProjection> plan = PlanFind(filter, options);
            IAsyncCursor<TProjection> cursor = await (plan.Pipeline is not null
                ? session is null ? inner.AggregateAsync(plan.Pipeline, plan.AggregateOptions, cancellationToken) : inner.AggregateAsync(session, plan.Pipeline, plan.AggregateOptions, cancellationToken)
                : session is null ? inner.FindAsync(plan.Filter, plan.Options, cancellationToken) : inner.FindAsync(session, plan.Filter, plan.Options, cancellationToken)).ConfigureAwait(false);
            return new PhaseScopedCursor<TProjection>(cursor, phases);
        }
    }

    private FindPlan<TProjection> PlanFind<TProjection>(FilterDefinition<TDocument> filter, FindOptions<TDocument, TProjection>? options)
    {
        ActiveMigration[] active = Active();
        BsonDocumentFilterDefinition<TDocument> rewritten = RewriteFilter(filter, active);
        ProjectionDefinition<TDocument, TProjection>? projection = RewriteProjection(options?.Projection, active, out ActiveMigration? projectionCoalesces);
        ActiveMigration? coalescing = NeedsCoalescing(options?.Sort, active, out BsonDocument sort)
            ? CoalescingMigrationIn(sort, active) ?? FirstBeforeSwitchRead(active)
            : projectionCoalesces;
        if (coalescing is null)
        {
            return new FindPlan<TProjection>(rewritten, options is null || ReferenceEquals(projection, options.Projection) ? options : FindOptionsCopy.WithProjection(options, projection), null, null);
        }

        FindOptionsCopy.RefuseWithoutAggregateEquivalent(options, coalescing.Value);
        var stages = new List<BsonDocument>();
        if (sort.ElementCount > 0)
        {
            stages.Add(new BsonDocument("$sort", sort));
        }

        if (options?.Skip is > 0)
        {
            stages.Add(new BsonDocument("$skip", options.Skip.Value));
        }

        if (options?.Limit is int limit and not 0)
        {
            stages.Add(new BsonDocument("$limit", Math.Abs(limit))); // A negative find limit means "one batch"; the count is the same.
        }

        IBsonSerializer<TProjection> output = DefaultResultSerializer<TProjection>();
        if (options?.Projection is not null)
        {
            // Rendered for aggregation: it runs after the coalescing stage, so the projection is right as written.
            RenderedProjectionDefinition<TProjection> rendered = options.Projection.Render(Args());
            if (rendered.Document is not null)
            {
                stages.Add(new BsonDocument("$project", rendered.Document));
            }

            output = rendered.ProjectionSerializer;
        }

        // The rewritten filter first, where it can use indexes; then the coalescing stage for the fields the rest reads.
        stages = [new BsonDocument("$match", rewritten.Document), .. PipelineRewriter.Rewrite(stages, active)];
        return new FindPlan<TProjection>(rewritten, null, new BsonDocumentStagePipelineDefinition<TDocument, TProjection>(stages, output), FindOptionsCopy.ToAggregateOptions(options));
    }

    private static IClientSessionHandle Required(IClientSessionHandle session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session;
    }

    /// <summary>A find to send as it is (<see cref="Pipeline"/> null) or as an aggregation.</summary>
    private sealed record FindPlan<TProjection>(
        FilterDefinition<TDocument> Filter,
        FindOptions<TDocument, TProjection>? Options,
        PipelineDefinition<TDocument, TProjection>? Pipeline,
        AggregateOptions? AggregateOptions);
}
