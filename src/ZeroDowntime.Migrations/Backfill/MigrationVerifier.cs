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

        Func<Task<(long Drift, long Repaired)>> onClient = () => RepairDriftAsync(collection, migration, samples, cancellationToken);
        (long driftCount, long repaired) = migration.Kind == FieldMigrationKind.Derive
            ? (0L, 0L)
            : await RepairDriftOnServerAsync(collection, migration, samples, onClient, cancellationToken).ConfigureAwait(false)
                ?? await onClient().ConfigureAwait(false);
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
            List<BsonDocument> batch = await NextBatchAsync(collection, converter.Filter, converter.Projection, after, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return;
            }

            await converter.ApplyAsync(batch, cancellationToken).ConfigureAwait(false);
            after = batch[^1]["_id"];
        }
    }

    /// <summary>
    /// With a forward expression and top-level fields, the server finds drift (<c>new ≠ forward(old)</c> in MongoDB's
    /// comparison) and repairs it by batches of drifted ids, each with one pipeline update that recomputes the document
    /// from its own current fields, so no document travels to the client. The count runs the expression over every
    /// document first; when it, or a later step, fails on a document (an old value it cannot convert, perhaps written
    /// by a V1 instance meanwhile), the check goes on on the client: <paramref name="fallback"/> compares what the
    /// server has not repaired yet, and the counts add up.
    /// </summary>
    private static async Task<(long Drift, long Repaired)?> RepairDriftOnServerAsync(
        IMongoCollection<BsonDocument> collection,
        IFieldMigration migration,
        List<string> samples,
        Func<Task<(long Drift, long Repaired)>> fallback,
        CancellationToken cancellationToken)
    {
        if (FieldFilters.BoundForward(migration) is not { } forward || FieldFilters.ForwardUpdate(migration) is not { } repair
            || !IsTopLevel(migration.OldPath) || !IsTopLevel(migration.NewPath))
        {
            return null;
        }

        BsonDocument drifted = FieldFilters.BothPresent(migration);
        drifted.Add("$expr", new BsonDocument("$ne", new BsonArray { "$" + migration.NewPath, forward }));
        long drift = 0, repaired = 0;
        try
        {
            if (await collection.CountDocumentsAsync(drifted, cancellationToken: cancellationToken).ConfigureAwait(false) == 0)
            {
                return (0, 0);
            }

            BsonValue? after = null;
            while (true)
            {
                List<BsonDocument> batch = await NextBatchAsync(collection, drifted, new BsonDocument("_id", 1), after, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    return (drift, repaired);
                }

                var scope = new BsonDocument("_id", new BsonDocument("$in", new BsonArray(batch.Select(d => d["_id"]))));
                scope.AddRange(drifted);
                UpdateResult result = await collection.UpdateManyAsync(scope, repair, cancellationToken: cancellationToken).ConfigureAwait(false);
                samples.AddRange(batch.Take(Samples - samples.Count).Select(d => d["_id"].ToJson()));
                drift += batch.Count;
                repaired += result.ModifiedCount;
                after = batch[^1]["_id"];
            }
        }
        catch (MongoException e) when (!TransientErrors.IsTransient(e))
        {
            (long clientDrift, long clientRepaired) = await fallback().ConfigureAwait(false);
            return (drift + clientDrift, repaired + clientRepaired);
        }
    }

    private static bool IsTopLevel(string path) => !path.Contains('.', StringComparison.Ordinal);

    private static async Task<(long Drift, long Repaired)> RepairDriftAsync(IMongoCollection<BsonDocument> collection, IFieldMigration migration, List<string> samples, CancellationToken cancellationToken)
    {
        long drift = 0, repaired = 0;
        BsonValue? after = null;
        BsonDocument projection = new() { { "_id", 1 }, { migration.OldPath, 1 }, { migration.NewPath, 1 } };
        while (true)
        {
            BsonDocument scope = FieldFilters.BothPresent(migration);
            List<BsonDocument> batch = await NextBatchAsync(collection, scope, projection, after, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// The next batch in <c>_id</c> order after <paramref name="after"/>. Query comparisons stay within one BSON type,
    /// so when a type runs out the read continues from the next type's first <c>_id</c>.
    /// </summary>
    private static async Task<List<BsonDocument>> NextBatchAsync(
        IMongoCollection<BsonDocument> collection, BsonDocument scope, BsonDocument projection, BsonValue? after, CancellationToken cancellationToken)
    {
        List<BsonDocument> batch = await ReadAsync(collection, scope, projection, after is null ? null : new BsonDocument("$gt", after), cancellationToken).ConfigureAwait(false);
        while (batch.Count == 0 && after is not null)
        {
            BsonDocument? next = await collection.Find(IdTypes.LaterType(after)).Sort(new BsonDocument("_id", 1)).Limit(1).Project(new BsonDocument("_id", 1)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                break;
            }

            batch = await ReadAsync(collection, scope, projection, new BsonDocument("$gte", next["_id"]), cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                BsonDocument last = await collection.Find(new BsonDocument("_id", new BsonDocument("$gte", next["_id"]))).Sort(new BsonDocument("_id", -1)).Limit(1).Project(new BsonDocument("_id", 1)).FirstAsync(cancellationToken).ConfigureAwait(false);
                after = last["_id"];
            }
        }

        return batch;
    }

    private static Task<List<BsonDocument>> ReadAsync(IMongoCollection<BsonDocument> collection, BsonDocument scope, BsonDocument projection, BsonDocument? idRange, CancellationToken cancellationToken)
    {
        BsonDocument filter = idRange is null ? scope : new BsonDocument("$and", new BsonArray { new BsonDocument("_id", idRange), scope });
        return collection.Find(filter).Sort(new BsonDocument("_id", 1)).Limit(BatchSize).Project(projection).ToListAsync(cancellationToken);
    }
}
