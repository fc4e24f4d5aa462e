using EmbeddedMongo.Bson;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Accumulators;

/// <summary><c>$push</c> (every value) and <c>$addToSet</c> (distinct values); missing values are skipped.</summary>
internal sealed class PushAccumulator : Accumulator
{
    private readonly BsonArray values = [];
    private readonly HashSet<BsonValue?>? seen;

    public PushAccumulator(bool distinct) => seen = distinct ? new HashSet<BsonValue?>(BsonValueEquality.Instance) : null;

    public override void Add(BsonValue? value)
    {
        if (value is not null && (seen is null || seen.Add(value)))
        {
            values.Add(value);
        }
    }

    public override BsonValue? Result() => values;
}
