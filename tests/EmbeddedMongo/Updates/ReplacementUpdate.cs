using EmbeddedMongo.Bson;
using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>A replacement document: becomes the whole document, keeping the original _id when it has none.</summary>
internal sealed class ReplacementUpdate(BsonDocument replacement) : IUpdateExecutor
{
    public UpdateOutcome Apply(BsonDocument original, bool isUpsertInsert)
    {
        foreach (BsonElement element in replacement)
        {
            if (element.Name.StartsWith('$'))
            {
                throw new MongoCommandException(
                    ErrorCode.DollarPrefixedFieldName,
                    $"The dollar ($) prefixed field '{element.Name}' in '{element.Name}' is not valid for storage.");
            }
        }

        var document = new BsonDocument();
        bool hasId = replacement.Contains("_id");
        if (!hasId && original.TryGetValue("_id", out BsonValue originalId))
        {
            document.Add("_id", originalId.DeepClone());
        }

        foreach (BsonElement element in replacement)
        {
            // MongoDB stamps a zero timestamp outside _id with the current time.
            bool stamp = element.Name != "_id" && element.Value is BsonTimestamp { Value: 0 };
            document.Add(element.Name, stamp ? UpdateClock.NextTimestamp() : element.Value.DeepClone());
        }

        ImmutableId.CheckReplaced(original, document);

        // As MongoDB, only a replacement exactly equal to the original (its _id included) is a no-op.
        return new UpdateOutcome(document, !ExactEquality.Equal(original, replacement));
    }
}
