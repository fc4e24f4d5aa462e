using MongoDB.Bson;

namespace EmbeddedMongo.FailPoints;

/// <summary>What a triggered <c>failCommand</c> fail point does to one command.</summary>
internal sealed record FailPointAction(
    int? ErrorCode,
    bool CloseConnection,
    TimeSpan BlockTime,
    BsonDocument? WriteConcernError,
    BsonArray? ErrorLabels);
