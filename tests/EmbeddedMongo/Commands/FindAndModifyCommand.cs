using EmbeddedMongo.Errors;
using EmbeddedMongo.Query;
using EmbeddedMongo.Storage;
using EmbeddedMongo.Updates;
using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

/// <summary>findAndModify: update, replace or remove one document and return it (before or after), atomically.</summary>
internal static class FindAndModifyCommand
{
    public static BsonDocument Execute(CommandContext context)
    {
        UnsupportedOptions.Check(context.Command, "findAndModify", "collation", "let", "bypassDocumentValidation");
        BsonDocument filter = context.GetDocument("query");
        BsonDocument? sortDocument = context.GetOptionalDocument("sort");
        SortSpecification? sort = sortDocument is { ElementCount: > 0 } ? SortSpecification.Parse(sortDocument) : null;
        BsonDocument? fields = context.GetOptionalDocument("fields");
        FindProjection? projection = fields is { ElementCount: > 0 } ? FindProjection.Parse(fields) : null;
        bool remove = context.GetBoolean("remove", false);
        bool returnNew = context.GetBoolean("new", false);
        bool upsert = context.GetBoolean("upsert", false);
        bool hasUpdate = context.Command.TryGetValue("update", out BsonValue updateValue) && !updateValue.IsBsonNull;
        if (remove == hasUpdate)
        {
            throw new MongoCommandException(ErrorCode.FailedToParse, "Either an update or remove=true must be specified");
        }

        if (remove && (returnNew || upsert))
        {
            throw new MongoCommandException(ErrorCode.FailedToParse, "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
        }

        BsonArray? arrayFilters = context.Command.TryGetValue("arrayFilters", out BsonValue af) && af.IsBsonArray ? af.AsBsonArray : null;
        UpdateSpecification? update = hasUpdate ? UpdateSpecification.Parse(updateValue, arrayFilters) : null;

        DatabaseStore database = context.Server.Storage.GetOrCreate(context.DatabaseName);
        BsonDocument? value;
        var lastError = new BsonDocument();
        lock (database.Gate)
        {
            // As in MongoDB, only an upsert that inserts creates the collection.
            CollectionStore? collection = database.Find(context.CollectionName);
            BsonDocument? target = QueryPlanner.Run(collection, filter, sort, limit: 1).FirstOrDefault();
            if (remove)
            {
                if (target is not null)
                {
                    collection!.Delete(target);
                }

                value = target;
                lastError["n"] = target is null ? 0 : 1;
            }
            else if (target is null)
            {
                lastError["n"] = 0;
                lastError["updatedExisting"] = false;
                value = null;
                if (upsert)
                {
                    BsonDocument created = UpdateExecutor.Upsert(database.GetOrCreate(context.CollectionName), context.Namespace, filter, update!);
                    lastError["n"] = 1;
                    lastError["upserted"] = created["_id"];
                    value = returnNew ? created : null;
                }
            }
            else
            {
                BsonDocument after = UpdateExecutor.Apply(collection!, context.Namespace, target, update!);
                lastError["n"] = 1;
                lastError["updatedExisting"] = true;
                value = returnNew ? after : target;
            }
        }

        if (value is not null && projection is not null)
        {
            value = projection.Apply(value);
        }

        return new BsonDocument
        {
            { "lastErrorObject", lastError },
            { "value", (BsonValue?)value ?? BsonNull.Value },
            { "ok", 1.0 },
        };
    }
}
