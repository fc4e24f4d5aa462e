using EmbeddedMongo.Bson;
using EmbeddedMongo.Errors;
using EmbeddedMongo.Storage;
using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

/// <summary>createIndexes, listIndexes, dropIndexes. Only unique indexes change behaviour; see <see cref="IndexDefinition"/>.</summary>
internal static class IndexCommands
{
    private static readonly HashSet<string> SupportedOptions = new(StringComparer.Ordinal)
    {
        "key", "name", "unique", "sparse", "partialFilterExpression", "background", "v", "expireAfterSeconds", "hidden",
    };

    public static void Register(Dictionary<string, Func<CommandContext, BsonDocument>> handlers)
    {
        handlers["createIndexes"] = CreateIndexes;
        handlers["listIndexes"] = ListIndexes;
        handlers["dropIndexes"] = DropIndexes;
    }

    private static BsonDocument CreateIndexes(CommandContext context)
    {
        BsonArray specifications = context.GetArray("indexes");
        if (specifications.Count == 0)
        {
            throw MongoCommandException.BadValue("Must specify at least one index to create");
        }

        List<BsonDocument> validated = specifications.Select(Validate).ToList();
        DatabaseStore database = context.Server.Storage.GetOrCreate(context.DatabaseName);
        lock (database.Gate)
        {
            bool created = database.Find(context.CollectionName) is null;
            CollectionStore collection = database.GetOrCreate(context.CollectionName);
            int before = collection.Indexes.Count;
            try
            {
                collection.CreateIndexes(context.Namespace, validated);
            }
            catch (MongoCommandException) when (created)
            {
                database.Drop(context.CollectionName); // a failed command leaves no collection behind either
                throw;
            }

            var reply = new BsonDocument
            {
                { "numIndexesBefore", before },
                { "numIndexesAfter", collection.Indexes.Count },
                { "createdCollectionAutomatically", created },
            };
            if (before == collection.Indexes.Count)
            {
                reply["note"] = "all indexes already exist";
            }

            reply["ok"] = 1.0;
            return reply;
        }
    }

    private static BsonDocument Validate(BsonValue value)
    {
        if (!value.IsBsonDocument)
        {
            throw MongoCommandException.TypeMismatch("Each index specification must be an object");
        }

        BsonDocument specification = value.AsBsonDocument;
        if (!specification.TryGetValue("key", out BsonValue key) || !key.IsBsonDocument || key.AsBsonDocument.ElementCount == 0)
        {
            throw new MongoCommandException(ErrorCode.FailedToParse, "The 'key' field of an index specification must be a non-empty object");
        }

        if (!specification.TryGetValue("name", out BsonValue name) || !name.IsString || name.AsString.Length == 0)
        {
            throw new MongoCommandException(ErrorCode.FailedToParse, "The 'name' field of an index specification must be a non-empty string");
        }

        foreach (BsonElement field in key.AsBsonDocument)
        {
            if (field.Value.IsString)
            {
                throw MongoCommandException.NotSupported($"The '{field.Value.AsString}' index type (on '{field.Name}')");
            }

            if (!BsonOrder.IsNumber(field.Value) || field.Value.ToDouble() == 0)
            {
                throw new MongoCommandException(ErrorCode.CannotCreateIndex, $"Values in the index key pattern can't be 0 or a non-number: {field.Name}: {field.Value}");
            }
        }

        foreach (BsonElement option in specification)
        {
            if (!SupportedOptions.Contains(option.Name))
            {
                throw MongoCommandException.NotSupported($"The index option '{option.Name}'");
            }
        }

        var result = new BsonDocument { { "v", 2 }, { "key", key }, { "name", name } };
        foreach (BsonElement option in specification)
        {
            if (option.Name is not ("v" or "key" or "name" or "background"))
            {
                result[option.Name] = option.Value;
            }
        }

        return result;
    }

    private static BsonDocument ListIndexes(CommandContext context)
    {
        List<BsonDocument> specifications;
        DatabaseStore? database = context.Server.Storage.Find(context.DatabaseName);
        CollectionStore? collection;
        if (database is null)
        {
            collection = null;
            specifications = [];
        }
        else
        {
            lock (database.Gate)
            {
                collection = database.Find(context.CollectionName);
                specifications = collection?.Indexes.Select(i => i.Specification).ToList() ?? [];
            }
        }

        if (collection is null)
        {
            throw new MongoCommandException(ErrorCode.NamespaceNotFound, $"ns does not exist: {context.Namespace}");
        }

        int? batchSize = context.GetBatchSize(context.GetOptionalDocument("cursor"));
        return context.Server.Cursors.FirstBatch(context.DatabaseName, context.CollectionName, specifications, batchSize, singleBatch: false);
    }

    private static BsonDocument DropIndexes(CommandContext context)
    {
        if (!context.Command.TryGetValue("index", out BsonValue target))
        {
            throw new MongoCommandException(ErrorCode.FailedToParse, "BSON field 'dropIndexes.index' is missing but a required field");
        }

        DatabaseStore? database = context.Server.Storage.Find(context.DatabaseName);
        CollectionStore? collection = null;
        int before = 0;
        if (database is not null)
        {
            lock (database.Gate)
            {
                collection = database.Find(context.CollectionName);
                if (collection is not null)
                {
                    before = collection.Indexes.Count;
                    collection.DropIndexes(target.IsBsonArray ? target.AsBsonArray : [target]);
                }
            }
        }

        if (collection is null)
        {
            throw new MongoCommandException(ErrorCode.NamespaceNotFound, $"ns not found {context.Namespace}");
        }

        return new BsonDocument { { "nIndexesWas", before }, { "ok", 1.0 } };
    }
}
