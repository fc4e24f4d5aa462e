using EmbeddedMongo.Aggregation.Expressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Accumulators;

/// <summary><c>$sum</c> (and <c>$count</c>, a sum of 1s): non-numeric values are ignored; no numbers give 0.</summary>
internal sealed class SumAccumulator : Accumulator
{
    private readonly NumericSum sum = new();

    public override void Add(BsonValue? value) => sum.Add(value);

    public override BsonValue? Result() => sum.Total();
}
