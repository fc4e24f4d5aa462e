using EmbeddedMongo.Query;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>One entry of <c>arrayFilters</c>: the identifier it binds and its condition.</summary>
internal sealed class ArrayFilter(string identifier, FilterMatcher matcher)
{
    public string Identifier { get; } = identifier;

    /// <summary>Matches an array element, wrapped as <c>{identifier: element}</c> so the filter's paths apply to it.</summary>
    public bool Matches(BsonValue element) => matcher.Matches(new BsonDocument(Identifier, element));
}
