using EmbeddedMongo.Aggregation.Expressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Accumulators;

/// <summary><c>$avg</c>: the mean of the numeric values as a double (a decimal if any is one); null without numbers.</summary>
internal sealed class AvgAccumulator : Accumulator
{
    private readonly NumericSum sum = new();

    public override void Add(BsonValue? value) => sum.Add(value);

    public override BsonValue? Result()
    {
        if (sum.Count == 0)
        {
            return BsonNull.Value;
        }

        return sum.HasDecimal
            ? NumberValues.FromDecimal(sum.DecimalTotal() / sum.Count)
            : new BsonDouble(sum.DoubleTotal() / sum.Count);
    }
}
