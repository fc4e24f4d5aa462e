using EmbeddedMongo.Query.Filtering;
using MongoDB.Bson;

namespace EmbeddedMongo.Query;

/// <summary>
/// A parsed query filter with MongoDB's semantics (null matches missing, element-wise array matching, type brackets,
/// dotted paths through arrays). Parsed and validated once into a tree of compiled predicates; <see cref="Matches"/>
/// never re-reads the filter document.
/// </summary>
internal sealed class FilterMatcher
{
    public static readonly FilterMatcher MatchAll = new(ConstantNode.True);

    private readonly FilterNode root;

    private FilterMatcher(FilterNode root) => this.root = root;

    /// <summary>Parses a filter; malformed filters throw <see cref="Errors.MongoCommandException"/> with MongoDB's code and message.</summary>
    public static FilterMatcher Parse(BsonDocument filter) =>
        filter.ElementCount == 0 ? MatchAll : new FilterMatcher(FilterParser.Parse(filter, elementQuery: false));

    public bool Matches(BsonDocument document) => root.Matches(document);
}
