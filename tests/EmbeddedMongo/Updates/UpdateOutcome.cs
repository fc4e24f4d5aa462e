using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>The document after an update and whether it differs from the one before.</summary>
internal readonly record struct UpdateOutcome(BsonDocument Document, bool Modified);
