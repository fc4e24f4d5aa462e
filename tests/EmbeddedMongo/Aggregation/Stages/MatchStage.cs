using EmbeddedMongo.Query;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Stages;

/// <summary><c>$match</c>: the query filter language.</summary>
internal sealed class MatchStage : PipelineStage
{
    private readonly FilterMatcher matcher;

    private MatchStage(FilterMatcher matcher) => this.matcher = matcher;

    public static MatchStage Parse(BsonValue specification) =>
        specification.IsBsonDocument
            ? new MatchStage(FilterMatcher.Parse(specification.AsBsonDocument))
            : throw AggregationErrors.Fail(15959, "the match filter must be an expression in an object");

    public override IEnumerable<BsonDocument> Execute(IEnumerable<BsonDocument> input, IAggregationSource source) =>
        input.Where(matcher.Matches);
}
