using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>One kind of parsed update (operators, replacement, pipeline) applied to a document.</summary>
internal interface IUpdateExecutor
{
    /// <summary>Applies the update to a copy of <paramref name="original"/>, which is never modified.</summary>
    UpdateOutcome Apply(BsonDocument original, bool isUpsertInsert);
}
