using EmbeddedMongo.Query.Projection;
using MongoDB.Bson;

namespace EmbeddedMongo.Query;

/// <summary>
/// A parsed find/findAndModify projection: inclusion or exclusion, dotted paths through arrays, <c>$slice</c>,
/// <c>$elemMatch</c> and aggregation expressions (MongoDB 4.4+). The positional <c>a.$</c> form is not supported.
/// </summary>
internal sealed class FindProjection
{
    private readonly ParsedProjection projection;

    private FindProjection(ParsedProjection projection) => this.projection = projection;

    public static FindProjection Parse(BsonDocument projection) =>
        new(ProjectionParser.Parse(projection, ProjectionPolicies.Find));

    /// <summary>The projected document, always a new document (the input, a stored document, is never modified).</summary>
    public BsonDocument Apply(BsonDocument document) => projection.Apply(document);
}
