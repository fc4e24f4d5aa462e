using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Accumulators;

/// <summary>The running state of one <c>$group</c> accumulator for one group.</summary>
internal abstract class Accumulator
{
    /// <summary>Feeds the value of the accumulator's expression for one document (<c>null</c> = missing).</summary>
    public abstract void Add(BsonValue? value);

    /// <summary>The accumulated value; a missing result is output as null by <c>$group</c>.</summary>
    public abstract BsonValue? Result();
}
