using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>
/// Converts a batch with one pipeline update computed by the server (rename, or convert with a forward expression).
/// The filter requires the new field to be missing, so a value the application wrote is never overwritten.
/// </summary>
internal sealed class ServerSideConversion(IMongoCollection<BsonDocument> collection, IFieldMigration migration) : IBatchWork
{
    private readonly BsonDocument[] pipeline = [new BsonDocument("$set", new BsonDocument(migration.NewPath, FieldFilters.BoundForward(migration)!))];

    public BsonDocument Filter { get; } = FieldFilters.Unconverted(migration);

    public BsonDocument Projection { get; } = new("_id", 1);

    public async Task<BatchOutcome> ApplyAsync(IReadOnlyList<BsonDocument> batch, CancellationToken cancellationToken)
    {
        var ids = new BsonArray(batch.Select(d => d["_id"]));
        try
        {
            UpdateResult result = await collection.UpdateManyAsync(Scope(new BsonDocument("$in", ids)), Pipeline(), cancellationToken: cancellationToken).ConfigureAwait(false);
            return BatchOutcome.Of(result.ModifiedCount);
        }
        catch (MongoException e) when (!TransientErrors.IsTransient(e))
        {
            // The expression failed on some document: convert one by one to find it, and keep the others.
            return await ApplyOneByOneAsync(ids, cancellationToken).ConfigureAwait(false);
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
                UpdateResult result = await collection.UpdateOneAsync(Scope(id), Pipeline(), cancellationToken: cancellationToken).ConfigureAwait(false);
                changed += result.ModifiedCount;
            }
            catch (MongoException e) when (!TransientErrors.IsTransient(e))
            {
                string reason = e is MongoCommandException command ? $"server error {command.Code} ({command.CodeName})" : e.GetType().Name;
                poison.Add(new PoisonDocument(id.ToJson(), $"the forward expression failed: {reason}"));
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

    private PipelineUpdateDefinition<BsonDocument> Pipeline() => new(pipeline);
}
