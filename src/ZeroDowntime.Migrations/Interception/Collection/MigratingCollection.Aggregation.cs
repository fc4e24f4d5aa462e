using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>Aggregations (including LINQ queries, which arrive here) get rewritten pipelines; change streams are checked.</summary>
internal sealed partial class MigratingCollection<TDocument>
{
    /// <inheritdoc />
    public IAsyncCursor<TResult> Aggregate<TResult>(PipelineDefinition<TDocument, TResult> pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default) =>
        AggregateCore(null, pipeline, options, cancellationToken);

    /// <inheritdoc />
    public IAsyncCursor<TResult> Aggregate<TResult>(IClientSessionHandle session, PipelineDefinition<TDocument, TResult> pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default) =>
        AggregateCore(Required(session), pipeline, options, cancellationToken);

    /// <inheritdoc />
    public Task<IAsyncCursor<TResult>> AggregateAsync<TResult>(PipelineDefinition<TDocument, TResult> pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default) =>
        AggregateCoreAsync(null, pipeline, options, cancellationToken);

    /// <inheritdoc />
    public Task<IAsyncCursor<TResult>> AggregateAsync<TResult>(IClientSessionHandle session, PipelineDefinition<TDocument, TResult> pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default) =>
        AggregateCoreAsync(Required(session), pipeline, options, cancellationToken);

    /// <inheritdoc />
    public void AggregateToCollection<TResult>(PipelineDefinition<TDocument, TResult> pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default) =>
        AggregateToCollectionCore(null, pipeline, options, cancellationToken);

    /// <inheritdoc />
    public void AggregateToCollection<TResult>(IClientSessionHandle session, PipelineDefinition<TDocument, TResult> pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default) =>
        AggregateToCollectionCore(Required(session), pipeline, options, cancellationToken);

    /// <inheritdoc />
    public Task AggregateToCollectionAsync<TResult>(PipelineDefinition<TDocument, TResult> pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default) =>
        AggregateToCollectionCoreAsync(null, pipeline, options, cancellationToken);

    /// <inheritdoc />
    public Task AggregateToCollectionAsync<TResult>(IClientSessionHandle session, PipelineDefinition<TDocument, TResult> pipeline, AggregateOptions? options = null, CancellationToken cancellationToken = default) =>
        AggregateToCollectionCoreAsync(Required(session), pipeline, options, cancellationToken);

    /// <summary>
    /// Opens a change stream. While a migration is before <see cref="MigrationPhase.SwitchRead"/>, a pipeline that reads
    /// its new field is refused: change events carry stored documents, which cannot be coalesced by a pipeline on the
    /// server. Other pipelines pass through; <c>FullDocument</c> is coalesced by the document serializer.
    /// </summary>
    /// <inheritdoc cref="IMongoCollection{TDocument}.Watch{TResult}(PipelineDefinition{ChangeStreamDocument{TDocument}, TResult}, ChangeStreamOptions, CancellationToken)" />
    public IChangeStreamCursor<TResult> Watch<TResult>(PipelineDefinition<ChangeStreamDocument<TDocument>, TResult> pipeline, ChangeStreamOptions? options = null, CancellationToken cancellationToken = default) =>
        WatchCore(null, pipeline, options, cancellationToken);

    /// <inheritdoc cref="Watch{TResult}(PipelineDefinition{ChangeStreamDocument{TDocument}, TResult}, ChangeStreamOptions, CancellationToken)" />
    public IChangeStreamCursor<TResult> Watch<TResult>(IClientSessionHandle session, PipelineDefinition<ChangeStreamDocument<TDocument>, TResult> pipeline, ChangeStreamOptions? options = null, CancellationToken cancellationToken = default) =>
        WatchCore(Required(session), pipeline, options, cancellationToken);

    /// <inheritdoc cref="Watch{TResult}(PipelineDefinition{ChangeStreamDocument{TDocument}, TResult}, ChangeStreamOptions, CancellationToken)" />
    public Task<IChangeStreamCursor<TResult>> WatchAsync<TResult>(PipelineDefinition<ChangeStreamDocument<TDocument>, TResult> pipeline, ChangeStreamOptions? options = null, CancellationToken cancellationToken = default) =>
        WatchCoreAsync(null, pipeline, options, cancellationToken);

    /// <inheritdoc cref="Watch{TResult}(PipelineDefinition{ChangeStreamDocument{TDocument}, TResult}, ChangeStreamOptions, CancellationToken)" />
    public Task<IChangeStreamCursor<TResult>> WatchAsync<TResult>(IClientSessionHandle session, PipelineDefinition<ChangeStreamDocument<TDocument>, TResult> pipeline, ChangeStreamOptions? options = null, CancellationToken cancellationToken = default) =>
        WatchCoreAsync(Required(session), pipeline, options, cancellationToken);

    private IAsyncCursor<TResult> AggregateCore<TResult>(IClientSessionHandle? session, PipelineDefinition<TDocument, TResult> pipeline, AggregateOptions? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            PipelineDefinition<TDocument, TResult> rewritten = RewritePipeline(pipeline, Active());
            return new PhaseScopedCursor<TResult>(session is null
                ? inner.Aggregate(rewritten, options, cancellationToken)
                : inner.Aggregate(session, rewritten, options, cancellationToken), phases);
        }
    }

    private async Task<IAsyncCursor<TResult>> AggregateCoreAsync<TResult>(IClientSessionHandle? session, PipelineDefinition<TDocument, TResult> pipeline, AggregateOptions? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            PipelineDefinition<TDocument, TResult> rewritten = RewritePipeline(pipeline, Active());
            return new PhaseScopedCursor<TResult>(await (session is null
                ? inner.AggregateAsync(rewritten, options, cancellationToken)
                : inner.AggregateAsync(session, rewritten, options, cancellationToken)).ConfigureAwait(false), phases);
        }
    }

    private void AggregateToCollectionCore<TResult>(IClientSessionHandle? session, PipelineDefinition<TDocument, TResult> pipeline, AggregateOptions? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            PipelineDefinition<TDocument, TResult> rewritten = RewritePipeline(pipeline, Active());
            if (session is null)
            {
                inner.AggregateToCollection(rewritten, options, cancellationToken);
            }
            else
            {
                inner.AggregateToCollection(session, rewritten, options, cancellationToken);
            }
        }
    }

    private async Task AggregateToCollectionCoreAsync<TResult>(IClientSessionHandle? session, PipelineDefinition<TDocument, TResult> pipeline, AggregateOptions? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            PipelineDefinition<TDocument, TResult> rewritten = RewritePipeline(pipeline, Active());
            await (session is null
                ? inner.AggregateToCollectionAsync(rewritten, options, cancellationToken)
                : inner.AggregateToCollectionAsync(session, rewritten, options, cancellationToken)).ConfigureAwait(false);
        }
    }

    private IChangeStreamCursor<TResult> WatchCore<TResult>(IClientSessionHandle? session, PipelineDefinition<ChangeStreamDocument<TDocument>, TResult> pipeline, ChangeStreamOptions? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            RefuseWatchOnCoalescedField(pipeline);
            return new PhaseScopedChangeStreamCursor<TResult>(session is null
                ? inner.Watch(pipeline, options, cancellationToken)
                : inner.Watch(session, pipeline, options, cancellationToken), phases);
        }
    }

    private async Task<IChangeStreamCursor<TResult>> WatchCoreAsync<TResult>(IClientSessionHandle? session, PipelineDefinition<ChangeStreamDocument<TDocument>, TResult> pipeline, ChangeStreamOptions? options, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            RefuseWatchOnCoalescedField(pipeline);
            return new PhaseScopedChangeStreamCursor<TResult>(await (session is null
                ? inner.WatchAsync(pipeline, options, cancellationToken)
                : inner.WatchAsync(session, pipeline, options, cancellationToken)).ConfigureAwait(false), phases);
        }
    }

    private BsonDocumentStagePipelineDefinition<TDocument, TResult> RewritePipeline<TResult>(PipelineDefinition<TDocument, TResult> pipeline, IReadOnlyList<ActiveMigration> active)
    {
        RenderedPipelineDefinition<TResult> rendered = pipeline.Render(Args());
        return new BsonDocumentStagePipelineDefinition<TDocument, TResult>(PipelineRewriter.Rewrite([.. rendered.Documents], active), rendered.OutputSerializer);
    }

    private void RefuseWatchOnCoalescedField<TResult>(PipelineDefinition<ChangeStreamDocument<TDocument>, TResult> pipeline)
    {
        ActiveMigration[] active = Active();
        if (FirstBeforeSwitchRead(active) is null)
        {
            return;
        }

        var args = new RenderArgs<ChangeStreamDocument<TDocument>>(
            new ChangeStreamDocumentSerializer<TDocument>(inner.DocumentSerializer), inner.Settings.SerializerRegistry,
            translationOptions: inner.Database.Client.Settings.TranslationOptions);
        if (CoalescingMigrationIn(new BsonArray(pipeline.Render(args).Documents), active) is { } migration)
        {
            throw new MigrationNotSupportedException(migration.Migration.Id, migration.Phase, "Watch",
                $"the change stream pipeline reads '{migration.Migration.NewPath}', but change events carry stored documents, which may hold only " +
                $"'{migration.Migration.OldPath}' until the migration reaches SwitchRead. Filter on other fields, or on the deserialized FullDocument.");
        }
    }
}
