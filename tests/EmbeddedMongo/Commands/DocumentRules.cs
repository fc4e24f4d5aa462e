using EmbeddedMongo.Errors;
using EmbeddedMongo.Storage;
using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

/// <summary>What every stored document must satisfy: an <c>_id</c> first, of a type MongoDB accepts.</summary>
internal static class DocumentRules
{
    private const int MaxDocumentBytes = 16 * 1024 * 1024;

    /// <summary>Returns the document to store: <c>_id</c> added (an ObjectId) when absent and moved to the front.</summary>
    public static BsonDocument PrepareForStorage(BsonDocument document)
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

        CheckId(document["_id"]);
        long size = BsonSize.Of(document);
        if (size > MaxDocumentBytes)
        {
            throw new MongoCommandException(ErrorCode.BSONObjectTooLarge, $"object to insert too large. size in bytes: {size}, max size: {MaxDocumentBytes}");
        }

        return document;
    }

    private static void CheckId(BsonValue id)
    {
        if (id.IsBsonArray)
        {
            throw new MongoCommandException(ErrorCode.InvalidIdField, "The '_id' value cannot be of type array");
        }

        if (id.IsBsonRegularExpression)
        {
            throw new MongoCommandException(ErrorCode.InvalidIdField, "can't use a regex for _id");
        }

        if (id.IsBsonUndefined)
        {
            throw new MongoCommandException(ErrorCode.InvalidIdField, "can't use a undefined for _id");
        }
    }
}
