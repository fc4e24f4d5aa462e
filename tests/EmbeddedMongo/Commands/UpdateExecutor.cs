using EmbeddedMongo.Bson;
using EmbeddedMongo.Errors;
using EmbeddedMongo.Storage;
using EmbeddedMongo.Updates;
using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

/// <summary>Applies a parsed update to stored documents and performs upserts; shared by update and findAndModify.</summary>
internal static class UpdateExecutor
{
    /// <summary>Updates one stored document; returns the stored result (the same instance when nothing changed).</summary>
    public static BsonDocument Apply(CollectionStore collection, string ns, BsonDocument stored, UpdateSpecification update)
    {
        UpdateOutcome outcome = update.Apply(stored, isUpsertInsert: false);
        if (!outcome.Modified)
        {
            return stored;
        }

        BsonDocument result = outcome.Document;
        BsonValue id = stored["_id"];
        if (!result.TryGetValue("_id", out BsonValue newId))
        {
            var withId = new BsonDocument("_id", id);
            withId.AddRange(result);
            result = withId;
        }
        else if (!BsonOrder.Equal(newId, id))
        {
            throw new MongoCommandException(ErrorCode.ImmutableField,
                $"After applying the update, the (immutable) field '_id' was found to have been altered to _id: {newId.ToJson()}");
        }

        result = DocumentRules.PrepareForStorage(result, afterUpdate: true);
        collection.Replace(ns, stored, result);
        return result;
    }

    /// <summary>Inserts the document an upsert creates; returns it.</summary>
    public static BsonDocument Upsert(CollectionStore collection, string ns, BsonDocument filter, UpdateSpecification update)
    {
        BsonDocument document = DocumentRules.PrepareForStorage(update.BuildUpsert(filter), afterUpdate: true);
        collection.Insert(ns, document);
        return document;
    }
}
