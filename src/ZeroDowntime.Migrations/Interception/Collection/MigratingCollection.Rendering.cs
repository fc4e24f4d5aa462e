using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Rewriting;
using ZeroDowntime.Migrations.Interception.Serialization;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>Rendering definitions exactly as the driver does, rewriting them, and turning them back into definitions.</summary>
internal sealed partial class MigratingCollection<TDocument>
{
    private RenderArgs<TDocument> Args(bool forFind = false) =>
        new(inner.DocumentSerializer, inner.Settings.SerializerRegistry, renderForFind: forFind,
            translationOptions: inner.Database.Client.Settings.TranslationOptions);

    private BsonDocument Render(FilterDefinition<TDocument> filter) => filter.Render(Args());

    private BsonDocumentFilterDefinition<TDocument> RewriteFilter(FilterDefinition<TDocument> filter, IReadOnlyList<ActiveMigration> active) =>
        new BsonDocumentFilterDefinition<TDocument>(FilterRewriter.Rewrite(Render(filter), active));

    /// <summary>Rewrites a filter and an update; <see cref="UpdateCall.Materialize"/> lists the writes to run first.</summary>
    private UpdateCall RewriteUpdate(FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, bool isUpsert, IReadOnlyList<ActiveMigration> active)
    {
        BsonDocument original = Render(filter);
        BsonDocument rewritten = FilterRewriter.Rewrite(original, active);
        UpdatePlan plan = UpdateRewriter.Rewrite(update.Render(Args()), original, isUpsert, active);
        var materialize = new Materialization[plan.MaterializeFirst.Count];
        for (int i = 0; i < materialize.Length; i++)
        {
            materialize[i] = Materialization.Create(plan.MaterializeFirst[i], rewritten, inner.DocumentSerializer);
        }

        return new UpdateCall(new BsonDocumentFilterDefinition<TDocument>(rewritten), ToUpdateDefinition(plan.Update), materialize);
    }

    private UpdateDefinition<TDocument> ToUpdateDefinition(BsonValue update) => update is BsonArray stages
        ? new PipelineUpdateDefinition<TDocument>(
            new BsonDocumentStagePipelineDefinition<TDocument, TDocument>(stages.Select(stage => stage.AsBsonDocument), inner.DocumentSerializer))
        : new BsonDocumentUpdateDefinition<TDocument>(update.AsBsonDocument);

    private bool NeedsCoalescing(SortDefinition<TDocument>? sort, IReadOnlyList<ActiveMigration> active, out BsonDocument rendered)
    {
        rendered = sort?.Render(Args()) ?? [];
        return sort is not null && SortRewriter.NeedsCoalescing(rendered, active);
    }

    /// <summary>
    /// Rewrites a find or findAndModify projection. When the result is deserialized by the migrating serializer, fetching
    /// the old field beside the new one is enough (the serializer coalesces). Any other result serializer (a LINQ
    /// projection, a DTO, <see cref="BsonDocument"/>) sees the projected fields as stored, so when such a projection names
    /// a field whose reads still coalesce, <paramref name="coalescing"/> returns that migration and the caller must project
    /// after a server-side coalescing stage instead. Without a projection document the stored document is handed out as it
    /// is, as an aggregation without stages would.
    /// </summary>
    private ProjectionDefinition<TDocument, TProjection>? RewriteProjection<TProjection>(
        ProjectionDefinition<TDocument, TProjection>? projection, IReadOnlyList<ActiveMigration> active, out ActiveMigration? coalescing)
    {
        coalescing = null;
        if (projection is null || FirstBeforeSwitchRead(active) is null)
        {
            return projection;
        }

        RenderedProjectionDefinition<TProjection> rendered = projection.Render(Args(forFind: true));
        if (rendered.Document is null)
        {
            return projection;
        }

        if (rendered.ProjectionSerializer is MigratingSerializer<TDocument>)
        {
            return new BsonDocumentProjectionDefinition<TDocument, TProjection>(ProjectionRewriter.Rewrite(rendered.Document, active), rendered.ProjectionSerializer);
        }

        coalescing = CoalescingMigrationIn(rendered.Document, active);
        return projection;
    }

    /// <summary>The result serializer the driver uses for a find without a projection.</summary>
    private IBsonSerializer<TProjection> DefaultResultSerializer<TProjection>() => inner.DocumentSerializer as IBsonSerializer<TProjection>
        ?? inner.Settings.SerializerRegistry.GetSerializer<TProjection>();

    /// <summary>A filter, an update, and the materializing writes that must run before it.</summary>
    private sealed record UpdateCall(BsonDocumentFilterDefinition<TDocument> Filter, UpdateDefinition<TDocument> Update, IReadOnlyList<Materialization> Materialize);

    /// <summary>
    /// Sets the new field to its coalesced value in the documents that match and have only the old field, so that an
    /// update operator that cannot be mirrored onto a missing field (e.g. <c>$inc</c>) starts from the right value.
    /// </summary>
    private sealed record Materialization(FilterDefinition<TDocument> Filter, UpdateDefinition<TDocument> Update)
    {
        public static Materialization Create(IFieldMigration migration, BsonDocument rewrittenFilter, IBsonSerializer<TDocument> serializer)
        {
            var filter = new BsonDocument("$and", new BsonArray
            {
                rewrittenFilter,
                new BsonDocument(migration.NewPath, new BsonDocument("$exists", false)),
                new BsonDocument(migration.OldPath, new BsonDocument("$exists", true)),
            });
            var set = new BsonDocument("$set", new BsonDocument(migration.NewPath, CoalesceStage.Expression(migration)));
            return new Materialization(
                new BsonDocumentFilterDefinition<TDocument>(filter),
                new PipelineUpdateDefinition<TDocument>(new BsonDocumentStagePipelineDefinition<TDocument, TDocument>([set], serializer)));
        }
    }
}
