using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>The cleanup job's batch: removes the old field, only where the new field is present (never the only copy of a value).</summary>
internal sealed class OldFieldCleanup(IMongoCollection<BsonDocument> collection, IFieldMigration migration) : IBatchWork
{
    public BsonDocument Filter { get; } = FieldFilters.BothPresent(migration);

    public BsonDocument Projection { get; } = new("_id", 1);

    public async Task<BatchOutcome> ApplyAsync(IReadOnlyList<BsonDocument> batch, CancellationToken cancellationToken)
    {
        var filter = new BsonDocument("_id", new BsonDocument("$in", new BsonArray(batch.Select(d => d["_id"]))));
        filter.AddRange(Filter);
        UpdateResult result = await collection.UpdateManyAsync(filter, new BsonDocument("$unset", new BsonDocument(migration.OldPath, "")), cancellationToken: cancellationToken).ConfigureAwait(false);
        return BatchOutcome.Of(result.ModifiedCount);
    }
}
