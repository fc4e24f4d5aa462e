using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary><c>$size</c>: the value is an array of exactly that many elements.</summary>
internal sealed class SizePredicate(int size) : ValuePredicate
{
    public override bool TraversesLeafArrays => false;

    public override bool Matches(BsonValue? value) => value is BsonArray array && array.Count == size;
}
