using EmbeddedMongo.Aggregation.Accumulators;
using EmbeddedMongo.Aggregation.Expressions;
using EmbeddedMongo.Bson;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Stages;

/// <summary>
/// <c>$group</c>: one output document per distinct <c>_id</c> value (a missing <c>_id</c> groups as null; 1, 1L and
/// 1.0 are one group), in the order groups are first seen.
/// </summary>
internal sealed class GroupStage : PipelineStage
{
    private readonly CompiledExpression id;
    private readonly AccumulatorDefinition[] fields;

    private GroupStage(CompiledExpression id, AccumulatorDefinition[] fields)
    {
        this.id = id;
        this.fields = fields;
    }

    public static GroupStage Parse(BsonValue specification)
    {
        if (!specification.IsBsonDocument)
        {
            throw AggregationErrors.Fail(15947, "a group's fields must be specified in an object");
        }

        CompiledExpression? id = null;
        var fields = new List<AccumulatorDefinition>();
        foreach (BsonElement element in specification.AsBsonDocument)
        {
            if (element.Name == "_id")
            {
                id = CompiledExpression.Compile(element.Value);
            }
            else
            {
                fields.Add(AccumulatorDefinition.Parse(element.Name, element.Value));
            }
        }

        return new GroupStage(id ?? throw AggregationErrors.Fail(15955, "a group specification must include an _id"), fields.ToArray());
    }

    public override IEnumerable<BsonDocument> Execute(IEnumerable<BsonDocument> input, IAggregationSource source)
    {
        var groups = new Dictionary<BsonValue, Accumulator[]>(BsonValueEquality.Instance);
        var order = new List<(BsonValue Key, Accumulator[] Accumulators)>();
        foreach (BsonDocument document in input)
        {
            BsonValue key = id.Evaluate(document) ?? BsonNull.Value;
            if (!groups.TryGetValue(key, out Accumulator[]? accumulators))
            {
                accumulators = fields.Select(field => field.Create()).ToArray();
                groups.Add(key, accumulators);
                order.Add((key, accumulators));
            }

            for (int i = 0; i < fields.Length; i++)
            {
                accumulators[i].Add(fields[i].Argument.Evaluate(document));
            }
        }

        foreach ((BsonValue key, Accumulator[] accumulators) in order)
        {
            var output = new BsonDocument("_id", key);
            for (int i = 0; i < fields.Length; i++)
            {
                output.Add(fields[i].Name, accumulators[i].Result() ?? BsonNull.Value);
            }

            yield return output;
        }
    }
}
