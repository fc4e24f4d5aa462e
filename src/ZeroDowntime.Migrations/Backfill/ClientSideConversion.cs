using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>
/// Converts a batch in this process (a convert without a forward expression): one unordered bulk of conditional
/// updates, each applying only if the new field is still missing and the old one still holds the value read.
/// </summary>
internal sealed class ClientSideConversion(IMongoCollection<BsonDocument> collection, IFieldMigration migration) : IBatchWork
{
    public BsonDocument Filter { get; } = FieldFilters.Unconverted(migration);

    public BsonDocument Projection { get; } = new() { { "_id", 1 }, { migration.OldPath, 1 } };

    public async Task<BatchOutcome> ApplyAsync(IReadOnlyList<BsonDocument> batch, CancellationToken cancellationToken)
    {
        var writes = new List<WriteModel<BsonDocument>>(batch.Count);
        var poison = new List<PoisonDocument>();
        foreach (BsonDocument document in batch)
        {
            BsonValue old = FieldFilters.ValueAt(document, migration.OldPath) ?? BsonNull.Value;
            BsonValue converted;
            try
            {
                converted = migration.Forward(old);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The message may quote the value; record only what failed and how.
                poison.Add(new PoisonDocument(document["_id"].ToJson(), $"the forward conversion threw {e.GetType().Name}"));
                continue;
            }

            var filter = new BsonDocument { { "_id", document["_id"] }, { migration.NewPath, new BsonDocument("$exists", false) } };
            filter.AddRange(FieldFilters.OldStillEquals(migration, old));
            writes.Add(new UpdateOneModel<BsonDocument>(filter, new BsonDocument("$set", new BsonDocument(migration.NewPath, converted))));
        }

        if (writes.Count == 0)
        {
            return new BatchOutcome(0, poison);
        }

        BulkWriteResult<BsonDocument> result = await collection.BulkWriteAsync(writes, new BulkWriteOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);
        return new BatchOutcome(result.ModifiedCount, poison);
    }
}
