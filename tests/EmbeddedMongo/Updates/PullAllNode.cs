using EmbeddedMongo.Bson;
using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary><c>$pullAll</c>: removes every element equal to one of the listed values.</summary>
internal sealed class PullAllNode : ArrayCullingNode
{
    private readonly BsonArray values;

    public PullAllNode(BsonValue argument)
    {
        values = argument as BsonArray
            ?? throw MongoCommandException.BadValue($"$pullAll requires an array argument but was given a {UpdateMessages.TypeName(argument)}");
    }

    protected override bool Removes(BsonValue element) => values.Any(value => BsonOrder.Equal(element, value));
}
