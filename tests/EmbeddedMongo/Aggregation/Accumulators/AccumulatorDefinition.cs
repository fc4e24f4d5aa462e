using EmbeddedMongo.Aggregation.Expressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Accumulators;

/// <summary>One output field of <c>$group</c>: <c>name: {$accumulator: &lt;expression&gt;}</c>.</summary>
internal sealed class AccumulatorDefinition
{
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "$accumulator", "$bottom", "$bottomN", "$firstN", "$lastN", "$maxN", "$median", "$mergeObjects", "$minN",
        "$percentile", "$stdDevPop", "$stdDevSamp", "$top", "$topN", "$concatArrays", "$setUnion",
    };

    private readonly Func<Accumulator> factory;

    private AccumulatorDefinition(string name, CompiledExpression argument, Func<Accumulator> factory)
    {
        Name = name;
        Argument = argument;
        this.factory = factory;
    }

    public string Name { get; }

    public CompiledExpression Argument { get; }

    public static AccumulatorDefinition Parse(string name, BsonValue specification)
    {
        if (specification is not BsonDocument { ElementCount: > 0 } document || !document.GetElement(0).Name.StartsWith('$'))
        {
            throw AggregationErrors.Fail(40234, $"The field '{name}' must be an accumulator object");
        }

        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw AggregationErrors.Fail(40235, $"The field name '{name}' cannot contain '.'");
        }

        if (name.StartsWith('$'))
        {
            throw AggregationErrors.Fail(40236, $"The field name '{name}' cannot be an operator name");
        }

        if (document.ElementCount != 1)
        {
            throw AggregationErrors.Fail(40238, $"The field '{name}' must specify one accumulator");
        }

        BsonElement accumulator = document.GetElement(0);
        if (accumulator.Value.IsBsonArray)
        {
            throw AggregationErrors.Fail(40237, $"The {accumulator.Name} accumulator is a unary operator");
        }

        Func<Accumulator> factory = accumulator.Name switch
        {
            "$sum" or "$count" => static () => new SumAccumulator(),
            "$avg" => static () => new AvgAccumulator(),
            "$min" => static () => new MinMaxAccumulator(max: false),
            "$max" => static () => new MinMaxAccumulator(max: true),
            "$first" => static () => new FirstLastAccumulator(last: false),
            "$last" => static () => new FirstLastAccumulator(last: true),
            "$push" => static () => new PushAccumulator(distinct: false),
            "$addToSet" => static () => new PushAccumulator(distinct: true),
            _ when Unsupported.Contains(accumulator.Name) => throw Errors.MongoCommandException.NotSupported($"The {accumulator.Name} accumulator"),
            _ => throw AggregationErrors.Fail(15952, $"unknown group operator '{accumulator.Name}'"),
        };

        BsonValue argument = accumulator.Value;
        if (accumulator.Name == "$count")
        {
            if (argument is not BsonDocument { ElementCount: 0 })
            {
                throw AggregationErrors.Fail(2, "$count takes no arguments, i.e. $count:{}");
            }

            argument = new BsonInt32(1);
        }

        return new AccumulatorDefinition(name, AggregationExpression.Compile(argument), factory);
    }

    public Accumulator Create() => factory();
}
