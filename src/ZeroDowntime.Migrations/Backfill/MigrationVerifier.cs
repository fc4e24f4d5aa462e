using Microsoft.Extensions.Logging;
using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Telemetry;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>
/// Checks that reads can switch to the new field: no document lacks it, and none has drifted (new ≠ forward(old),
/// which reveals a writer still running pre-migration code). Drift is repaired by re-copying from the old field,
/// conditionally on the values read, and reported.
/// </summary>
internal sealed class MigrationVerifier(ILogger log)
{
    private const int BatchSize = 1000;
    private const int Samples = 10;

    public async Task<VerificationResult> VerifyAsync(IMongoCollection<BsonDocument> collection, IFieldMigration migration, IBatchWork? converter, CancellationToken cancellationToken)
    {
        var samples = new List<string>();
        if (converter is not null)
        {
            // Convert stragglers (documents written by V1 code since the sweep) before counting.
            await ConvertStragglersAsync(collection, converter, cancellationToken).ConfigureAwait(false);
        }

        (long driftCount, long repaired) = migration.Kind == FieldMigrationKind.Derive
            ? (0L, 0L)
            : await RepairDriftAsync(collection, migration, samples, cancellationToken).ConfigureAwait(false);
        if (driftCount > 0)
        {
            MigrationTelemetry.DriftRepaired.Add(repaired, MigrationTelemetry.Tags(migration.Id, "verification"));
            Log.DriftRepaired(log, migration.Id, driftCount, string.Join(", ", samples));
        }

        BsonDocument missingFilter = FieldFilters.Unconverted(migration);
        long missing = await collection.CountDocumentsAsync(missingFilter, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (missing > 0)
        {
            List<BsonDocument> ids = await collection.Find(missingFilter).Project(new BsonDocument("_id", 1)).Limit(Samples).ToListAsync(cancellationToken).ConfigureAwait(false);
            samples.AddRange(ids.Select(d => d["_id"].ToJson()));
        }

        return new VerificationResult(missing, driftCount, repaired, samples, migration.Kind != FieldMigrationKind.Derive);
    }

    private static async Task ConvertStragglersAsync(IMongoCollection<BsonDocument> collection, IBatchWork converter, CancellationToken cancellationToken)
    {
        BsonValue? after = null;
        while (true)
        {
            BsonDocument filter = after is null ? converter.Filter : new BsonDocument("$and", new BsonArray { After(after), converter.Filter });
            List<BsonDocument> batch = await collection.Find(filter).Sort(new BsonDocument("_id", 1)).Limit(BatchSize).Project(converter.Projection).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return;
            }

            await converter.ApplyAsync(batch, cancellationToken).ConfigureAwait(false);
            after = batch[^1]["_id"];
        }
    }

    private static async Task<(long Drift, long Repaired)> RepairDriftAsync(IMongoCollection<BsonDocument> collection, IFieldMigration migration, List<string> samples, CancellationToken cancellationToken)
    {
        long drift = 0, repaired = 0;
        BsonValue? after = null;
        BsonDocument projection = new() { { "_id", 1 }, { migration.OldPath, 1 }, { migration.NewPath, 1 } };
        while (true)
        {
            BsonDocument scope = FieldFilters.BothPresent(migration);
            BsonDocument filter = after is null ? scope : new BsonDocument("$and", new BsonArray { After(after), scope });
            List<BsonDocument> batch = await collection.Find(filter).Sort(new BsonDocument("_id", 1)).Limit(BatchSize).Project(projection).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return (drift, repaired);
            }

            var repairs = new List<WriteModel<BsonDocument>>();
            foreach (BsonDocument document in batch)
            {
                BsonValue old = FieldFilters.ValueAt(document, migration.OldPath) ?? BsonNull.Value;
                BsonValue current = FieldFilters.ValueAt(document, migration.NewPath) ?? BsonNull.Value;
                BsonValue expected;
                try
                {
                    expected = migration.Forward(old);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    continue; // An unconvertible old value cannot be compared; the backfill reports such documents.
                }

                if (expected.Equals(current))
                {
                    continue;
                }

                drift++;
                if (samples.Count < Samples)
                {
                    samples.Add(document["_id"].ToJson());
                }

                // Re-copy only if neither field moved since it was read.
                var condition = new BsonDocument("_id", document["_id"]);
                condition.AddRange(new BsonDocument("$and", new BsonArray
                {
                    FieldFilters.OldStillEquals(migration, old),
                    new BsonDocument("$expr", new BsonDocument("$eq", new BsonArray { "$" + migration.NewPath, new BsonDocument("$literal", current) })),
                }));
                repairs.Add(new UpdateOneModel<BsonDocument>(condition, new BsonDocument("$set", new BsonDocument(migration.NewPath, expected))));
            }

            if (repairs.Count > 0)
            {
                BulkWriteResult<BsonDocument> result = await collection.BulkWriteAsync(repairs, new BulkWriteOptions { IsOrdered = false }, cancellationToken).ConfigureAwait(false);
                repaired += result.ModifiedCount;
            }

            after = batch[^1]["_id"];
        }
    }

    /// <summary>Documents after <paramref name="id"/> in BSON order, across _id types (a plain $gt stays within one type).</summary>
    private static BsonDocument After(BsonValue id) =>
        new("$expr", new BsonDocument("$gt", new BsonArray { "$_id", new BsonDocument("$literal", id) }));
}
