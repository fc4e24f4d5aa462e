using EmbeddedMongo.Bson;
using EmbeddedMongo.Errors;
using EmbeddedMongo.Query;
using EmbeddedMongo.Storage;
using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

/// <summary>Databases and collections: listDatabases, listCollections, create, drop, dropDatabase.</summary>
internal static class CatalogCommands
{
    // Fields any command may carry; they are not options of the collection.
    private static readonly HashSet<string> GenericCommandFields = new(StringComparer.Ordinal)
    {
        "create", "$db", "lsid", "$clusterTime", "writeConcern", "$readPreference", "txnNumber", "autocommit", "startTransaction",
        "comment", "maxTimeMS", "apiVersion", "apiStrict", "apiDeprecationErrors",
    };

    private static readonly string[] UnsupportedCreateOptions = ["capped", "validator", "timeseries", "viewOn", "pipeline", "clusteredIndex", "changeStreamPreAndPostImages", "encryptedFields"];

    public static void Register(Dictionary<string, Func<CommandContext, BsonDocument>> handlers)
    {
        handlers["listDatabases"] = ListDatabases;
        handlers["listCollections"] = ListCollections;
        handlers["create"] = Create;
        handlers["drop"] = Drop;
        handlers["dropDatabase"] = DropDatabase;
    }

    private static BsonDocument ListDatabases(CommandContext context)
    {
        FilterMatcher filter = FilterMatcher.Parse(context.GetDocument("filter"));
        bool nameOnly = context.GetBoolean("nameOnly", false);
        var databases = new BsonArray();
        foreach (DatabaseStore database in context.Server.Storage.All)
        {
            bool empty;
            lock (database.Gate)
            {
                empty = !database.Collections.Any();
            }

            if (empty)
            {
                continue; // MongoDB lists a database only once it holds a collection.
            }

            BsonDocument entry = nameOnly
                ? new BsonDocument("name", database.Name)
                : new BsonDocument { { "name", database.Name }, { "sizeOnDisk", 8192L }, { "empty", false } };
            if (filter.Matches(entry))
            {
                databases.Add(entry);
            }
        }

        var reply = new BsonDocument("databases", databases);
        if (!nameOnly)
        {
            reply["totalSize"] = 8192L * databases.Count;
            reply["totalSizeMb"] = 0L;
        }

        reply["ok"] = 1.0;
        return reply;
    }

    private static BsonDocument ListCollections(CommandContext context)
    {
        FilterMatcher filter = FilterMatcher.Parse(context.GetDocument("filter"));
        bool nameOnly = context.GetBoolean("nameOnly", false);
        var results = new List<BsonDocument>();
        if (context.Server.Storage.Find(context.DatabaseName) is { } database)
        {
            lock (database.Gate)
            {
                foreach (CollectionStore collection in database.Collections)
                {
                    BsonDocument entry = nameOnly
                        ? new BsonDocument { { "name", collection.Name }, { "type", "collection" } }
                        : new BsonDocument
                        {
                            { "name", collection.Name },
                            { "type", "collection" },
                            { "options", collection.Options },
                            { "info", new BsonDocument("readOnly", false) },
                            { "idIndex", collection.Indexes[0].Specification },
                        };
                    if (filter.Matches(entry))
                    {
                        results.Add(entry);
                    }
                }
            }
        }

        int? batchSize = context.GetBatchSize(context.GetOptionalDocument("cursor"));
        return context.Server.Cursors.FirstBatch(context.DatabaseName, "$cmd.listCollections", results, batchSize, singleBatch: false);
    }

    private static BsonDocument Create(CommandContext context)
    {
        foreach (string option in UnsupportedCreateOptions)
        {
            if (context.Command.Contains(option))
            {
                throw MongoCommandException.NotSupported($"The create option '{option}'");
            }
        }

        UnsupportedOptions.Check(context.Command, "create", "collation");
        var options = new BsonDocument(context.Command.Where(e => !GenericCommandFields.Contains(e.Name)));
        DatabaseStore database = context.Server.Storage.GetOrCreate(context.DatabaseName);
        lock (database.Gate)
        {
            // Since MongoDB 7.0, creating an existing collection with identical options succeeds.
            if (database.Find(context.CollectionName) is not { } existing || !BsonOrder.Equal(existing.Options, options))
            {
                database.Create(context.CollectionName, options);
            }
        }

        return AdminCommands.Ok();
    }

    private static BsonDocument Drop(CommandContext context)
    {
        string name = context.CollectionName;
        int indexes = 0;
        if (context.Server.Storage.Find(context.DatabaseName) is { } database)
        {
            lock (database.Gate)
            {
                indexes = database.Find(name)?.Indexes.Count ?? 0;
                database.Drop(name);
            }
        }

        // Since MongoDB 7.0 dropping a missing collection succeeds.
        return new BsonDocument { { "nIndexesWas", indexes }, { "ns", context.Namespace }, { "ok", 1.0 } };
    }

    private static BsonDocument DropDatabase(CommandContext context)
    {
        context.Server.Storage.Drop(context.DatabaseName);
        return new BsonDocument { { "dropped", context.DatabaseName }, { "ok", 1.0 } };
    }
}
