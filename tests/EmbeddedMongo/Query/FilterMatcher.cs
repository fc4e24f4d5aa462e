using MongoDB.Bson;

namespace EmbeddedMongo.Query;

/// <summary>A parsed query filter. STUB: replaced by the query-engine work.</summary>
internal sealed class FilterMatcher
{
    public static readonly FilterMatcher MatchAll = new();

    /// <summary>Parses a filter; malformed filters throw <see cref="Errors.MongoCommandException"/>.</summary>
    public static FilterMatcher Parse(BsonDocument filter) => filter.ElementCount == 0 ? MatchAll : throw Errors.MongoCommandException.NotSupported("filters");

    public bool Matches(BsonDocument document) => true;
}
