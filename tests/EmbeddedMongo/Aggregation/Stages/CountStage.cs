using EmbeddedMongo.Aggregation.Expressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Stages;

/// <summary><c>$count: "name"</c>: one document <c>{name: n}</c>, or none when there is no input.</summary>
internal sealed class CountStage : PipelineStage
{
    private readonly string field;

    private CountStage(string field) => this.field = field;

    public static CountStage Parse(BsonValue specification)
    {
        if (!specification.IsString)
        {
            throw AggregationErrors.Fail(40156, "the count field must be a non-empty string");
        }

        string field = specification.AsString;
        if (field.Length == 0)
        {
            throw AggregationErrors.Fail(40157, "the count field must be a non-empty string");
        }

        if (field.StartsWith('$'))
        {
            throw AggregationErrors.Fail(40158, "the count field cannot be a $-prefixed path");
        }

        return field.Contains('.', StringComparison.Ordinal)
            ? throw AggregationErrors.Fail(40160, "the count field cannot contain '.'")
            : new CountStage(field);
    }

    public override IEnumerable<BsonDocument> Execute(IEnumerable<BsonDocument> input, IAggregationSource source)
    {
        long count = input.LongCount();
        if (count > 0)
        {
            yield return new BsonDocument(field, NumberValues.IntOrLong(count));
        }
    }
}
