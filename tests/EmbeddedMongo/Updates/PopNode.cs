using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary><c>$pop</c>: 1 removes the last element, -1 the first.</summary>
internal sealed class PopNode : ModifierNode
{
    private readonly bool fromFront;

    public PopNode(BsonElement argument)
    {
        if (!IntegerArgument.TryRead(argument.Value, out long direction))
        {
            throw MongoCommandException.BadValue(
                argument.Value.IsNumeric
                    ? $"Expected an integer: {UpdateMessages.Element(argument.Name, argument.Value)}"
                    : $"Expected a number in: {UpdateMessages.Element(argument.Name, argument.Value)}");
        }

        if (direction is not (1 or -1))
        {
            throw MongoCommandException.FailedToParse($"$pop expects 1 or -1, found: {direction}");
        }

        fromFront = direction == -1;
    }

    protected override bool AllowCreation => false;

    protected override void UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> path)
    {
        if (element.Value is not BsonArray array)
        {
            throw MongoCommandException.TypeMismatch(
                $"Path '{UpdatePath.Join(path)}' contains an element of non-array type '{UpdateMessages.TypeName(element.Value)}'");
        }

        if (array.Count > 0)
        {
            array.RemoveAt(fromFront ? 0 : array.Count - 1);
        }
    }
}
