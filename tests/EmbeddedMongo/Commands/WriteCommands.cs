using EmbeddedMongo.Errors;
using EmbeddedMongo.Query;
using EmbeddedMongo.Storage;
using EmbeddedMongo.Updates;
using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

/// <summary>insert, update and delete: each statement atomic, ordered batches stop at the first error.</summary>
internal static class WriteCommands
{
    public static void Register(Dictionary<string, Func<CommandContext, BsonDocument>> handlers)
    {
        handlers["insert"] = Insert;
        handlers["update"] = Update;
        handlers["delete"] = Delete;
        handlers["findAndModify"] = FindAndModifyCommand.Execute;
        handlers["findandmodify"] = FindAndModifyCommand.Execute;
    }

    private static BsonDocument Insert(CommandContext context)
    {
        BsonArray documents = context.GetArray("documents");
        bool ordered = context.GetBoolean("ordered", true);
        DatabaseStore database = context.Server.Storage.GetOrCreate(context.DatabaseName);
        int inserted = 0;
        BsonArray errors;
        lock (database.Gate)
        {
            CollectionStore collection = database.GetOrCreate(context.CollectionName);
            errors = WriteErrors.Run(documents.Count, ordered, i =>
            {
                if (!documents[i].IsBsonDocument)
                {
                    throw MongoCommandException.TypeMismatch($"insert: documents[{i}] is not a document");
                }

                collection.Insert(context.Namespace, DocumentRules.PrepareForStorage(documents[i].AsBsonDocument));
                inserted++;
            });
        }

        return WriteErrors.Finish(new BsonDocument("n", inserted), errors);
    }

    private static BsonDocument Update(CommandContext context)
    {
        List<BsonDocument> statements = context.GetStatements("updates", "q", "u");
        bool ordered = context.GetBoolean("ordered", true);
        DatabaseStore database = context.Server.Storage.GetOrCreate(context.DatabaseName);
        long matched = 0, modified = 0;
        var upserted = new BsonArray();
        BsonArray errors;
        lock (database.Gate)
        {
            errors = WriteErrors.Run(statements.Count, ordered, i =>
            {
                BsonDocument statement = statements[i];
                UnsupportedOptions.Check(statement, "update", "collation", "let", "sort");
                BsonDocument filter = statement["q"].AsBsonDocument;
                BsonValue updateValue = statement["u"];
                bool multi = statement.GetValue("multi", false).ToBoolean();
                bool upsert = statement.GetValue("upsert", false).ToBoolean();
                BsonArray? arrayFilters = statement.TryGetValue("arrayFilters", out BsonValue af) ? af.AsBsonArray : null;
                UpdateSpecification update = UpdateSpecification.Parse(updateValue, arrayFilters);
                if (multi && update.IsReplacement)
                {
                    throw new MongoCommandException(ErrorCode.FailedToParse, "multi update is not supported for replacement-style update");
                }

                // As in MongoDB, only an upsert that inserts creates the collection.
                CollectionStore? collection = database.Find(context.CollectionName);
                List<BsonDocument> targets = QueryPlanner.Run(collection, filter, limit: multi ? null : 1).ToList();
                if (targets.Count == 0 && upsert)
                {
                    BsonDocument created = UpdateExecutor.Upsert(database.GetOrCreate(context.CollectionName), context.Namespace, filter, update);
                    upserted.Add(new BsonDocument { { "index", i }, { "_id", created["_id"] } });
                    return;
                }

                long changed = 0;
                foreach (BsonDocument target in targets)
                {
                    if (!ReferenceEquals(UpdateExecutor.Apply(collection!, context.Namespace, target, update), target))
                    {
                        changed++;
                    }
                }

                // Counted only once the whole statement succeeded: a failed one is a write error, not a match.
                matched += targets.Count;
                modified += changed;
            });
        }

        var reply = new BsonDocument { { "n", matched + upserted.Count }, { "nModified", modified } };
        if (upserted.Count > 0)
        {
            reply["upserted"] = upserted;
        }

        return WriteErrors.Finish(reply, errors);
    }

    private static BsonDocument Delete(CommandContext context)
    {
        List<BsonDocument> statements = context.GetStatements("deletes", "q", "limit");
        bool ordered = context.GetBoolean("ordered", true);
        long deleted = 0;
        BsonArray errors = [];
        if (context.Server.Storage.Find(context.DatabaseName) is { } database)
        {
            lock (database.Gate)
            {
                errors = WriteErrors.Run(statements.Count, ordered, i =>
                {
                    BsonDocument statement = statements[i];
                    UnsupportedOptions.Check(statement, "delete", "collation");
                    BsonDocument filter = statement["q"].AsBsonDocument;
                    long limit = statement["limit"].ToInt64();
                    if (limit is not (0 or 1))
                    {
                        throw new MongoCommandException(ErrorCode.FailedToParse, "The limit field in delete objects must be 0 or 1. Got " + limit);
                    }

                    CollectionStore? collection = database.Find(context.CollectionName);
                    foreach (BsonDocument target in QueryPlanner.Run(collection, filter, limit: limit == 1 ? 1 : null).ToList())
                    {
                        collection!.Delete(target);
                        deleted++;
                    }
                });
            }
        }
        else
        {
            // Nothing to delete, but the filters must still be valid.
            foreach (BsonDocument statement in statements)
            {
                FilterMatcher.Parse(statement["q"].AsBsonDocument);
            }
        }

        return WriteErrors.Finish(new BsonDocument("n", deleted), errors);
    }
}
