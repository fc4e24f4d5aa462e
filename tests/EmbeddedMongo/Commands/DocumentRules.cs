using EmbeddedMongo.Errors;
using EmbeddedMongo.Storage;
using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

/// <summary>What every stored document must satisfy: an <c>_id</c> first, of a type MongoDB accepts.</summary>
internal static class DocumentRules
{
    private const int MaxDocumentBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Returns the document to store: <c>_id</c> added (an ObjectId) when absent and moved to the front; refuses an
    /// <c>_id</c> MongoDB cannot index and a document over 16 MiB (with the insert's or the update's error).
    /// </summary>
    public static BsonDocument PrepareForStorage(BsonDocument document, bool afterUpdate = false)
    {
        if (!document.TryGetValue("_id", out BsonValue id))
        {
            var withId = new BsonDocument("_id", ObjectId.GenerateNewId());
            withId.AddRange(document);
            document = withId;
        }
        else if (document.GetElement(0).Name != "_id")
        {
            var reordered = new BsonDocument("_id", id);
            reordered.AddRange(document.Where(e => e.Name != "_id"));
            document = reordered;
        }

        BsonValue storedId = document["_id"];
        if (storedId.BsonType is BsonType.Array or BsonType.RegularExpression or BsonType.Undefined)
        {
            throw new MongoCommandException(ErrorCode.InvalidIdField, $"The '_id' value cannot be of type {Bson.BsonTypeAliases.AliasOf(storedId)}");
        }

        long size = BsonSize.Of(document);
        if (size > MaxDocumentBytes)
        {
            throw afterUpdate
                ? new MongoCommandException(ErrorCode.Location17419, $"Resulting document after update is larger than {MaxDocumentBytes}")
                : new MongoCommandException(ErrorCode.BadValue, $"object to insert too large. size in bytes: {size}, max size: {MaxDocumentBytes}");
        }

        return document;
    }
}
