using EmbeddedMongo.Aggregation.Expressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Stages;

/// <summary><c>$skip: n</c> and <c>$limit: n</c>.</summary>
internal sealed class SkipLimitStage : PipelineStage
{
    private SkipLimitStage(bool isLimit, long count)
    {
        IsLimit = isLimit;
        Count = count;
    }

    public bool IsLimit { get; }

    public long Count { get; }

    public static SkipLimitStage Parse(string stageName, BsonValue specification)
    {
        bool isLimit = stageName == "$limit";
        int code = isLimit ? 5107201 : 5107200;
        string prefix = $"invalid argument to {stageName} stage: ";
        if (!NumberValues.IsNumber(specification))
        {
            throw AggregationErrors.Fail(code, $"{prefix}Expected a number in: {stageName}: {specification}");
        }

        double number = NumberValues.ToDouble(specification);
        if (number != Math.Floor(number) || double.IsInfinity(number) || number >= 9.2233720368547758E18)
        {
            throw AggregationErrors.Fail(code, $"{prefix}Cannot represent as a 64-bit integer: {stageName}: {specification}");
        }

        long count = NumberValues.ToInt64(specification);
        if (count < 0)
        {
            throw AggregationErrors.Fail(code, $"{prefix}Expected a non-negative number in: {stageName}: {count}");
        }

        if (isLimit && count == 0)
        {
            throw AggregationErrors.Fail(15958, "the limit must be positive");
        }

        return new SkipLimitStage(isLimit, count);
    }

    public override IEnumerable<BsonDocument> Execute(IEnumerable<BsonDocument> input, IAggregationSource source) =>
        IsLimit ? Limit(input) : Skip(input);

    private IEnumerable<BsonDocument> Skip(IEnumerable<BsonDocument> input)
    {
        long skipped = 0;
        foreach (BsonDocument document in input)
        {
            if (skipped < Count)
            {
                skipped++;
                continue;
            }

            yield return document;
        }
    }

    private IEnumerable<BsonDocument> Limit(IEnumerable<BsonDocument> input)
    {
        long taken = 0;
        foreach (BsonDocument document in input)
        {
            yield return document;

            // Stop pulling (and scanning) as soon as the limit is reached.
            if (++taken >= Count)
            {
                yield break;
            }
        }
    }
}
