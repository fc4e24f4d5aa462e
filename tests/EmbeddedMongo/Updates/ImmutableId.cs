using EmbeddedMongo.Bson;
using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>The rule for documents that replace another (replacements, pipelines): _id may not change value.</summary>
internal static class ImmutableId
{
    public static void CheckReplaced(BsonDocument original, BsonDocument replaced)
    {
        if (original.TryGetValue("_id", out BsonValue id) && replaced.TryGetValue("_id", out BsonValue newId) && !BsonOrder.Equal(id, newId))
        {
            throw new MongoCommandException(
                ErrorCode.ImmutableField,
                $"After applying the update, the (immutable) field '_id' was found to have been altered to {UpdateMessages.Element("_id", newId)}");
        }
    }
}
