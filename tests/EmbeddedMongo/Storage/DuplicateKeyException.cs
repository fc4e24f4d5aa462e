using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Storage;

/// <summary>E11000, carrying <c>keyPattern</c> and <c>keyValue</c> as MongoDB's write errors do.</summary>
internal sealed class DuplicateKeyException(string message, BsonDocument keyPattern, BsonDocument keyValue)
    : MongoCommandException(ErrorCode.DuplicateKey, message)
{
    public BsonDocument KeyPattern { get; } = keyPattern;

    public BsonDocument KeyValue { get; } = keyValue;

    public override void AddDetailsTo(BsonDocument error)
    {
        error["keyPattern"] = KeyPattern;
        error["keyValue"] = KeyValue;
    }
}
