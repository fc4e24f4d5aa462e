using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>A parsed update: operator document, replacement document or pipeline. STUB.</summary>
internal sealed class UpdateSpecification
{
    public bool IsReplacement { get; private init; }

    public static UpdateSpecification Parse(BsonValue update, BsonArray? arrayFilters) => new() { IsReplacement = true };

    public UpdateOutcome Apply(BsonDocument original, bool isUpsertInsert) => new(original, false);

    public BsonDocument BuildUpsert(BsonDocument filter) => new();
}

/// <summary>The document after an update and whether it differs from the one before.</summary>
internal readonly record struct UpdateOutcome(BsonDocument Document, bool Modified);
