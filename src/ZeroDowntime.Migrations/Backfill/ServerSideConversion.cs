using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>
/// Converts a batch with one pipeline update computed by the server (rename, or convert with a forward expression).
/// The filter requires the new field to be missing, so a value the application wrote is never overwritten.
/// </summary>
internal sealed class ServerSideConversion(IMongoCollection<BsonDocument> collection, IFieldMigration migration) : IRangeBatchWork
{
    private readonly PipelineUpdateDefinition<BsonDocument> convert = FieldFilters.ForwardUpdate(migration)!;

    public BsonDocument Filter { get; } = FieldFilters.Unconverted(migration);

    public BsonDocument Projection { get; } = new("_id", 1);

    public async Task<BatchOutcome> ApplyAsync(IReadOnlyList<BsonDocument> batch, CancellationToken cancellationToken)
    {
        var ids = new BsonArray(batch.Select(d => d["_id"]));
        try
        {
            UpdateResult result = await collection.UpdateManyAsync(Scope(new BsonDocument("$in", ids)), convert, cancellationToken: cancellationToken).ConfigureAwait(false);
            return BatchOutcome.Of(result.ModifiedCount);
        }
        catch (MongoException e) when (!TransientErrors.IsTransient(e))
        {
            // The expression failed on some document: convert one by one to find it, and keep the others.
            return await ApplyOneByOneAsync(ids, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<BatchOutcome> ApplyRangeAsync(BsonValue? after, BsonValue upTo, CancellationToken cancellationToken)
    {
        var range = new BsonDocument("$lte", upTo);
        if (after is not null)
        {
            range.InsertAt(0, new BsonElement("$gt", after));
        }

        try
        {
            UpdateResult result = await collection.UpdateManyAsync(Scope(range), convert, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new BatchOutcome(result.ModifiedCount, [], result.MatchedCount);
        }
        catch (MongoException e) when (!TransientErrors.IsTransient(e))
        {
            List<BsonDocument> documents = await collection.Find(Scope(range)).Sort(new BsonDocument("_id", 1)).Project(Projection).ToListAsync(cancellationToken).ConfigureAwait(false);
            BatchOutcome outcome = await ApplyOneByOneAsync(new BsonArray(documents.Select(d => d["_id"])), cancellationToken).ConfigureAwait(false);
            return outcome with { Examined = documents.Count };
        }
    }

    private async Task<BatchOutcome> ApplyOneByOneAsync(BsonArray ids, CancellationToken cancellationToken)
    {
        long changed = 0;
        var poison = new List<PoisonDocument>();
        foreach (BsonValue id in ids)
        {
            try
            {
                UpdateResult result = await collection.UpdateOneAsync(Scope(id), convert, cancellationToken: cancellationToken).ConfigureAwait(false);
                changed += result.ModifiedCount;
            }
            catch (MongoException e) when (!TransientErrors.IsTransient(e))
            {
                poison.Add(new PoisonDocument(id.ToJson(), $"the server-side conversion failed: {TransientErrors.Describe(e)}"));
            }
        }

        return new BatchOutcome(changed, poison);
    }

    private BsonDocument Scope(BsonValue id)
    {
        var filter = new BsonDocument("_id", id);
        filter.AddRange(Filter);
        return filter;
    }
}
