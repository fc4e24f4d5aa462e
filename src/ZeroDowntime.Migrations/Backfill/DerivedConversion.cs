using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>
/// Fills a derived field: the batch's distinct source values are resolved with ONE call to the migration's
/// <see cref="IDerivedValueResolver"/>, then written with conditional updates.
/// </summary>
internal sealed class DerivedConversion(IMongoCollection<BsonDocument> collection, IFieldMigration migration, IDerivedValueResolver resolver) : IBatchWork
{
    public BsonDocument Filter { get; } = FieldFilters.Unconverted(migration);

    public BsonDocument Projection { get; } = new() { { "_id", 1 }, { migration.OldPath, 1 } };

    public async Task<BatchOutcome> ApplyAsync(IReadOnlyList<BsonDocument> batch, CancellationToken cancellationToken)
    {
        List<(BsonDocument Document, BsonValue Key)> sources = batch
            .Select(d => (d, FieldFilters.ValueAt(d, migration.OldPath) ?? BsonNull.Value))
            .ToList();
        List<BsonValue> keys = sources.Select(s => s.Key).Distinct().ToList();
        IReadOnlyDictionary<BsonValue, BsonValue> resolved = await resolver.ResolveAsync(keys, cancellationToken).ConfigureAwait(false);

        var writes = new List<WriteModel<BsonDocument>>(batch.Count);
        var poison = new List<PoisonDocument>();
        foreach ((BsonDocument document, BsonValue key) in sources)
        {
            if (!resolved.TryGetValue(key, out BsonValue? value))
            {
                poison.Add(new PoisonDocument(document["_id"].ToJson(), $"{resolver.GetType().Name} resolved no value for this document's '{migration.OldPath}'"));
                continue;
            }

            var filter = new BsonDocument { { "_id", document["_id"] }, { migration.NewPath, new BsonDocument("$exists", false) } };
            filter.AddRange(FieldFilters.OldStillEquals(migration, key));
            writes.Add(new UpdateOneModel<BsonDocument>(filter, new BsonDocument("$set", new BsonDocument(migration.NewPath, value))));
        }

        if (writes.Count == 0)
        {
            return new BatchOutcome(0, poison);
        }

        BulkWriteResult<BsonDocument> result = await collection.BulkWriteAsync(writes, new BulkWriteOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);
        return new BatchOutcome(result.ModifiedCount, poison);
    }
}
