using EmbeddedMongo.Bson;
using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary><c>$addToSet</c> (with <c>$each</c>): appends the values the array does not already hold, in BSON equality.</summary>
internal sealed class AddToSetNode : ModifierNode
{
    private readonly List<BsonValue> values = [];

    public AddToSetNode(BsonValue argument)
    {
        IEnumerable<BsonValue> candidates = [argument];
        if (argument is BsonDocument document && document.ElementCount > 0 && document.GetElement(0).Name == "$each")
        {
            if (document[0] is not BsonArray each)
            {
                throw MongoCommandException.TypeMismatch(
                    $"The argument to $each in $addToSet must be an array but it was of type {UpdateMessages.TypeName(document[0])}");
            }

            if (document.ElementCount > 1)
            {
                throw MongoCommandException.BadValue($"Found unexpected fields after $each in $addToSet: {UpdateMessages.Value(document)}");
            }

            candidates = each;
        }

        foreach (BsonValue candidate in candidates)
        {
            if (!values.Exists(value => BsonOrder.Equal(value, candidate)))
            {
                values.Add(candidate);
            }
        }
    }

    protected override void UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> path)
    {
        if (element.Value is not BsonArray array)
        {
            throw MongoCommandException.BadValue(
                $"Cannot apply $addToSet to non-array field. Field named '{element.Name}' has non-array type {UpdateMessages.TypeName(element.Value)}");
        }

        List<BsonValue> missing = values.FindAll(value => !array.Any(existing => BsonOrder.Equal(existing, value)));
        foreach (BsonValue value in missing)
        {
            array.Add(value.DeepClone());
        }
    }

    protected override BsonValue ValueForNewElement() => new BsonArray(values.Select(value => value.DeepClone()));
}
