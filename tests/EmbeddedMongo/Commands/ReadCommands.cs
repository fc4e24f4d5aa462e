using EmbeddedMongo.Aggregation;
using EmbeddedMongo.Bson;
using EmbeddedMongo.Errors;
using EmbeddedMongo.Query;
using EmbeddedMongo.Storage;
using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

/// <summary>find, getMore, killCursors, aggregate, count and distinct.</summary>
internal static class ReadCommands
{
    private static readonly string[] UnsupportedFindOptions = ["collation", "min", "max", "returnKey", "showRecordId", "tailable", "awaitData", "let"];

    public static void Register(Dictionary<string, Func<CommandContext, BsonDocument>> handlers)
    {
        handlers["find"] = Find;
        handlers["getMore"] = GetMore;
        handlers["killCursors"] = KillCursors;
        handlers["aggregate"] = Aggregate;
        handlers["count"] = Count;
        handlers["distinct"] = Distinct;
    }

    private static BsonDocument Find(CommandContext context)
    {
        UnsupportedOptions.Check(context.Command, "find", UnsupportedFindOptions);
        BsonDocument filter = context.GetDocument("filter");
        BsonDocument sortDocument = context.GetDocument("sort");
        SortSpecification? sort = sortDocument.ElementCount > 0 ? SortSpecification.Parse(sortDocument) : null;
        BsonDocument projectionDocument = context.GetDocument("projection");
        FindProjection? projection = projectionDocument.ElementCount > 0 ? FindProjection.Parse(projectionDocument) : null;
        long skip = context.GetNonNegativeInt64(context.Command, "skip") ?? 0;
        long limit = context.GetNonNegativeInt64(context.Command, "limit") ?? 0;
        int? batchSize = context.GetBatchSize(context.Command);
        bool singleBatch = context.GetBoolean("singleBatch", false);

        List<BsonDocument> results = ReadLocked(context, collection =>
            QueryPlanner.Run(collection, filter, sort, skip, limit > 0 ? limit : null).ToList());
        IEnumerable<BsonDocument> shaped = projection is null ? results : results.Select(projection.Apply);
        return context.Server.Cursors.FirstBatch(context.DatabaseName, context.CollectionName, shaped, batchSize, singleBatch);
    }

    private static BsonDocument GetMore(CommandContext context)
    {
        BsonValue id = context.Command[0];
        if (!id.IsInt64)
        {
            throw MongoCommandException.TypeMismatch($"BSON field 'getMore.getMore' is the wrong type '{BsonTypeAliases.AliasOf(id)}', expected type 'long'");
        }

        string collection = context.Command.TryGetValue("collection", out BsonValue c) && c.IsString
            ? c.AsString
            : throw new MongoCommandException(ErrorCode.FailedToParse, "BSON field 'getMore.collection' is missing but a required field");
        return context.Server.Cursors.GetMore(context.DatabaseName, collection, id.AsInt64, context.GetBatchSize(context.Command));
    }

    private static BsonDocument KillCursors(CommandContext context)
    {
        BsonArray ids = context.GetArray("cursors");
        (BsonArray killed, BsonArray notFound) = context.Server.Cursors.Kill(ids.Select(i => i.ToInt64()));
        return new BsonDocument
        {
            { "cursorsKilled", killed },
            { "cursorsNotFound", notFound },
            { "cursorsAlive", new BsonArray() },
            { "cursorsUnknown", new BsonArray() },
            { "ok", 1.0 },
        };
    }

    private static BsonDocument Aggregate(CommandContext context)
    {
        if (!context.Command[0].IsString)
        {
            throw MongoCommandException.NotSupported("Database-level aggregation ({aggregate: 1})");
        }

        UnsupportedOptions.Check(context.Command, "aggregate", "collation", "let", "explain");
        BsonDocument? cursorOptions = context.GetOptionalDocument("cursor")
            ?? throw new MongoCommandException(ErrorCode.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
        List<BsonDocument> stages = context.GetArray("pipeline").Select(s => s.IsBsonDocument
            ? s.AsBsonDocument
            : throw MongoCommandException.TypeMismatch("Each element of the 'pipeline' array must be an object")).ToList();
        AggregationPipeline pipeline = AggregationPipeline.Parse(stages);
        int? batchSize = context.GetBatchSize(cursorOptions);

        List<BsonDocument> results = ReadLocked(context, collection =>
        {
            // A leading $match narrows the scan to the _id range it allows; the pipeline still applies it in full.
            BsonDocument leadingMatch = stages.Count > 0 && stages[0].GetElement(0).Name == "$match" && stages[0][0].IsBsonDocument ? stages[0][0].AsBsonDocument : [];
            IEnumerable<BsonDocument> input = collection?.Documents.Scan(IdRange.FromFilter(leadingMatch)) ?? [];
            var source = new DatabaseSource(context.Server.Storage.Find(context.DatabaseName));
            return pipeline.Execute(input, source).ToList();
        });
        return context.Server.Cursors.FirstBatch(context.DatabaseName, context.CollectionName, results, batchSize, singleBatch: false);
    }

    private static BsonDocument Count(CommandContext context)
    {
        UnsupportedOptions.Check(context.Command, "count", "collation");
        BsonDocument filter = context.GetDocument("query");
        long skip = context.GetNonNegativeInt64(context.Command, "skip") ?? 0;
        long limit = Math.Abs(context.GetOptionalInt64(context.Command, "limit") ?? 0);
        // Without a query the server answers from the collection's metadata (estimatedDocumentCount), not by a scan.
        long count = ReadLocked(context, collection => filter.ElementCount == 0 && collection is not null
            ? Math.Max(0, Math.Min(collection.Documents.Count - skip, limit > 0 ? limit : long.MaxValue))
            : QueryPlanner.Run(collection, filter, null, skip, limit > 0 ? limit : null).LongCount());
        return new BsonDocument { { "n", count }, { "ok", 1.0 } };
    }

    private static BsonDocument Distinct(CommandContext context)
    {
        UnsupportedOptions.Check(context.Command, "distinct", "collation");
        string key = context.Command.TryGetValue("key", out BsonValue k) && k.IsString
            ? k.AsString
            : throw new MongoCommandException(ErrorCode.FailedToParse, "BSON field 'distinct.key' is missing but a required field");
        BsonDocument filter = context.GetDocument("query");
        List<BsonValue> values = ReadLocked(context, collection => QueryPlanner.Run(collection, filter)
            .SelectMany(d => DocumentPath.Collect(d, key))
            .Distinct(BsonValueEquality.Instance)
            .OrderBy(v => v, BsonOrder.Comparer)
            .ToList())!;
        return new BsonDocument { { "values", new BsonArray(values) }, { "ok", 1.0 } };
    }

    /// <summary>Runs <paramref name="read"/> under the database lock; a missing database or collection reads as empty.</summary>
    private static T ReadLocked<T>(CommandContext context, Func<CollectionStore?, T> read)
    {
        DatabaseStore? database = context.Server.Storage.Find(context.DatabaseName);
        if (database is null)
        {
            return read(null);
        }

        lock (database.Gate)
        {
            return read(database.Find(context.CollectionName));
        }
    }

    /// <summary>Lets <c>$lookup</c> read the other collections of the database (under the lock already held).</summary>
    private sealed class DatabaseSource(DatabaseStore? database) : IAggregationSource
    {
        public IEnumerable<BsonDocument> ReadCollection(string collectionName) =>
            database?.Find(collectionName)?.Documents.All() ?? [];
    }
}
