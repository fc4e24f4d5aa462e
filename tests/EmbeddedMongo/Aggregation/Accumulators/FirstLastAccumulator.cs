using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Accumulators;

/// <summary><c>$first</c> / <c>$last</c>: the value for the first or last document of the group, even when missing.</summary>
internal sealed class FirstLastAccumulator : Accumulator
{
    private readonly bool last;
    private bool seen;
    private BsonValue? value;

    public FirstLastAccumulator(bool last) => this.last = last;

    public override void Add(BsonValue? value)
    {
        if (last || !seen)
        {
            this.value = value;
            seen = true;
        }
    }

    public override BsonValue? Result() => value;
}
