using EmbeddedMongo.Query.Projection;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Stages;

/// <summary><c>$project</c>, <c>$addFields</c>/<c>$set</c> and <c>$unset</c>: a projection applied to each document.</summary>
internal sealed class ProjectionStage : PipelineStage
{
    private readonly ParsedProjection projection;

    private ProjectionStage(ParsedProjection projection) => this.projection = projection;

    public static ProjectionStage ParseProject(BsonValue specification) =>
        specification.IsBsonDocument
            ? new ProjectionStage(ProjectionParser.Parse(specification.AsBsonDocument, ProjectionPolicies.Aggregate))
            : throw AggregationErrors.Fail(15969, "$project specification must be an object");

    public static ProjectionStage ParseAddFields(string stageName, BsonValue specification) =>
        specification.IsBsonDocument
            ? new ProjectionStage(ProjectionParser.Parse(specification.AsBsonDocument, ProjectionPolicies.AddFields))
            : throw AggregationErrors.Fail(40272, $"{stageName} specification stage must be an object, got {AggregationErrors.TypeName(specification)}");

    public static ProjectionStage ParseUnset(BsonValue specification)
    {
        IEnumerable<BsonValue> fields = specification switch
        {
            BsonString => [specification],
            BsonArray { Count: 0 } => throw AggregationErrors.Fail(31119, "$unset specification must be a string or an array with at least one field"),
            BsonArray array => array,
            _ => throw AggregationErrors.Fail(31002, "$unset specification must be a string or an array"),
        };

        var exclusion = new BsonDocument();
        foreach (BsonValue field in fields)
        {
            if (!field.IsString)
            {
                throw AggregationErrors.Fail(31120, "$unset specification must be a string or an array containing only string values");
            }

            exclusion.Set(field.AsString, 0);
        }

        return new ProjectionStage(ProjectionParser.Parse(exclusion, ProjectionPolicies.Aggregate));
    }

    public override IEnumerable<BsonDocument> Execute(IEnumerable<BsonDocument> input, IAggregationSource source) =>
        input.Select(projection.Apply);
}
