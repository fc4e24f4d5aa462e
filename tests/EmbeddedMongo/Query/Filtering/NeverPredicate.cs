using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary><c>$all: []</c>, which matches nothing.</summary>
internal sealed class NeverPredicate : ValuePredicate
{
    public static readonly NeverPredicate Instance = new();

    private NeverPredicate()
    {
    }

    public override bool Matches(BsonValue? value) => false;

    public override FilterNode ToFilterNode(FieldPath path) => ConstantNode.False;
}
