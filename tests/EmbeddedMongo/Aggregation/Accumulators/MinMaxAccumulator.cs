using EmbeddedMongo.Bson;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Accumulators;

/// <summary><c>$min</c> / <c>$max</c> in BSON order, ignoring null and missing values (null when there are only those).</summary>
internal sealed class MinMaxAccumulator : Accumulator
{
    private readonly bool max;
    private BsonValue? best;

    public MinMaxAccumulator(bool max) => this.max = max;

    public override void Add(BsonValue? value)
    {
        if (value is null || value.IsBsonNull || value.IsBsonUndefined)
        {
            return;
        }

        if (best is null || (max ? BsonOrder.Compare(value, best) > 0 : BsonOrder.Compare(value, best) < 0))
        {
            best = value;
        }
    }

    public override BsonValue? Result() => best ?? BsonNull.Value;
}
