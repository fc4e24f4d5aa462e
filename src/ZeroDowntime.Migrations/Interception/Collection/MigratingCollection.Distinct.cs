using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>
/// Distinct: a rewritten filter, or — for a field whose reads still coalesce — an aggregation that computes the values
/// as the distinct command would over coalesced documents (arrays flattened one level, missing values skipped).
/// </summary>
internal sealed partial class MigratingCollection<TDocument>
{
    /// <inheritdoc />
    public IAsyncCursor<TField> Distinct<TField>(FieldDefinition<TDocument, TField> field, FilterDefinition<TDocument> filter, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        DistinctCore<TField>(null, RenderField(field), filter, options, f => inner.Distinct(field, f, options, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public IAsyncCursor<TField> Distinct<TField>(IClientSessionHandle session, FieldDefinition<TDocument, TField> field, FilterDefinition<TDocument> filter, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        DistinctCore<TField>(Required(session), RenderField(field), filter, options, f => inner.Distinct(session, field, f, options, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IAsyncCursor<TField>> DistinctAsync<TField>(FieldDefinition<TDocument, TField> field, FilterDefinition<TDocument> filter, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        DistinctCoreAsync<TField>(null, RenderField(field), filter, options, f => inner.DistinctAsync(field, f, options, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IAsyncCursor<TField>> DistinctAsync<TField>(IClientSessionHandle session, FieldDefinition<TDocument, TField> field, FilterDefinition<TDocument> filter, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        DistinctCoreAsync<TField>(Required(session), RenderField(field), filter, options, f => inner.DistinctAsync(session, field, f, options, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public IAsyncCursor<TItem> DistinctMany<TItem>(FieldDefinition<TDocument, IEnumerable<TItem>> field, FilterDefinition<TDocument> filter, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        DistinctCore<TItem>(null, RenderField(field), filter, options, f => inner.DistinctMany(field, f, options, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public IAsyncCursor<TItem> DistinctMany<TItem>(IClientSessionHandle session, FieldDefinition<TDocument, IEnumerable<TItem>> field, FilterDefinition<TDocument> filter, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        DistinctCore<TItem>(Required(session), RenderField(field), filter, options, f => inner.DistinctMany(session, field, f, options, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IAsyncCursor<TItem>> DistinctManyAsync<TItem>(FieldDefinition<TDocument, IEnumerable<TItem>> field, FilterDefinition<TDocument> filter, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        DistinctCoreAsync<TItem>(null, RenderField(field), filter, options, f => inner.DistinctManyAsync(field, f, options, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IAsyncCursor<TItem>> DistinctManyAsync<TItem>(IClientSessionHandle session, FieldDefinition<TDocument, IEnumerable<TItem>> field, FilterDefinition<TDocument> filter, DistinctOptions? options = null, CancellationToken cancellationToken = default) =>
        DistinctCoreAsync<TItem>(Required(session), RenderField(field), filter, options, f => inner.DistinctManyAsync(session, field, f, options, cancellationToken), cancellationToken);

    private IAsyncCursor<TValue> DistinctCore<TValue>(
        IClientSessionHandle? session, RenderedFieldDefinition field, FilterDefinition<TDocument> filter, DistinctOptions? options,
        Func<FilterDefinition<TDocument>, IAsyncCursor<TValue>> passThrough, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            ActiveMigration[] active = Active();
            BsonDocumentFilterDefinition<TDocument> rewritten = RewriteFilter(filter, active);
            if (CoalescingMigrationIn("$" + field.FieldName, active) is null)
            {
                return new PhaseScopedCursor<TValue>(passThrough(rewritten), phases);
            }

            PipelineDefinition<TDocument, BsonDocument> pipeline = DistinctPipeline(field.FieldName, rewritten.Document, active);
            AggregateOptions aggregateOptions = DistinctAggregateOptions(options);
            using IAsyncCursor<BsonDocument> groups = session is null
                ? inner.Aggregate(pipeline, aggregateOptions, cancellationToken)
                : inner.Aggregate(session, pipeline, aggregateOptions, cancellationToken);
            return DistinctValues<TValue>(groups.ToList(cancellationToken), field.FieldSerializer);
        }
    }

    private async Task<IAsyncCursor<TValue>> DistinctCoreAsync<TValue>(
        IClientSessionHandle? session, RenderedFieldDefinition field, FilterDefinition<TDocument> filter, DistinctOptions? options,
        Func<FilterDefinition<TDocument>, Task<IAsyncCursor<TValue>>> passThrough, CancellationToken cancellationToken)
    {
        using (Enter())
        {
            ActiveMigration[] active = Active();
            BsonDocumentFilterDefinition<TDocument> rewritten = RewriteFilter(filter, active);
            if (CoalescingMigrationIn("$" + field.FieldName, active) is null)
            {
                return new PhaseScopedCursor<TValue>(await passThrough(rewritten).ConfigureAwait(false), phases);
            }

            PipelineDefinition<TDocument, BsonDocument> pipeline = DistinctPipeline(field.FieldName, rewritten.Document, active);
            AggregateOptions aggregateOptions = DistinctAggregateOptions(options);
            using IAsyncCursor<BsonDocument> groups = await (session is null
                ? inner.AggregateAsync(pipeline, aggregateOptions, cancellationToken)
                : inner.AggregateAsync(session, pipeline, aggregateOptions, cancellationToken)).ConfigureAwait(false);
            return DistinctValues<TValue>(await groups.ToListAsync(cancellationToken).ConfigureAwait(false), field.FieldSerializer);
        }
    }

    private RenderedFieldDefinition RenderField<TField>(FieldDefinition<TDocument, TField> field)
    {
        RenderedFieldDefinition<TField> rendered = field.Render(Args());
        return new RenderedFieldDefinition(rendered.FieldName, rendered.UnderlyingSerializer ?? rendered.FieldSerializer);
    }

    private static PipelineDefinition<TDocument, BsonDocument> DistinctPipeline(string field, BsonDocument filter, IReadOnlyList<ActiveMigration> active)
    {
        // Kept through $unwind: a null value is a distinct value; missing values and empty arrays are not.
        BsonDocument[] values =
        [
            new("$unwind", new BsonDocument { { "path", "$" + field }, { "preserveNullAndEmptyArrays", true } }),
            new("$match", new BsonDocument(field, new BsonDocument("$exists", true))),
            new("$group", new BsonDocument("_id", "$" + field)),
        ];
        return new BsonDocumentStagePipelineDefinition<TDocument, BsonDocument>(
            [new BsonDocument("$match", filter), .. PipelineRewriter.Rewrite(values, active)], BsonDocumentSerializer.Instance);
    }

    private static AggregateOptions DistinctAggregateOptions(DistinctOptions? options) =>
        new() { Collation = options?.Collation, Comment = options?.Comment, MaxTime = options?.MaxTime };

    /// <summary>Deserializes each value as the driver's distinct does: with the field's serializer, or its item serializer for an array field.</summary>
    private IAsyncCursor<TValue> DistinctValues<TValue>(List<BsonDocument> groups, IBsonSerializer fieldSerializer)
    {
        IBsonSerializer<TValue> serializer = fieldSerializer switch
        {
            IBsonSerializer<TValue> value => value,
            IBsonArraySerializer array when array.TryGetItemSerializationInfo(out BsonSerializationInfo item) && item.Serializer is IBsonSerializer<TValue> itemSerializer => itemSerializer,
            _ => inner.Settings.SerializerRegistry.GetSerializer<TValue>(),
        };
        var values = new List<TValue>(groups.Count);
        foreach (BsonDocument group in groups)
        {
            using var reader = new BsonDocumentReader(group);
            reader.ReadStartDocument();
            reader.ReadName("_id");
            values.Add(serializer.Deserialize(BsonDeserializationContext.CreateRoot(reader)));
        }

        return new InMemoryCursor<TValue>(values);
    }
}
