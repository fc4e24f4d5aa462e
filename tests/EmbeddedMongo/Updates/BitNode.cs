using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary><c>$bit</c>: <c>and</c>/<c>or</c>/<c>xor</c> on int and long values (int with long gives long).</summary>
internal sealed class BitNode : ModifierNode
{
    private const string Format = "{$bit: {field: {and/or/xor: #}}";

    private readonly List<(string Operation, BsonValue Operand)> operations = [];

    public BitNode(BsonValue argument)
    {
        if (argument is not BsonDocument document)
        {
            throw MongoCommandException.BadValue(
                $"The $bit modifier is not compatible with a {UpdateMessages.TypeName(argument)}. You must pass in an embedded document: {Format}");
        }

        if (document.ElementCount == 0)
        {
            throw MongoCommandException.BadValue($"You must pass in at least one bitwise operation. The format is: {Format}");
        }

        foreach (BsonElement operation in document)
        {
            if (operation.Name is not ("and" or "or" or "xor"))
            {
                throw MongoCommandException.BadValue(
                    $"The $bit modifier only supports 'and', 'or', and 'xor', not '{operation.Name}' which is an unknown operator: {{{UpdateMessages.Element(operation.Name, operation.Value)}}}");
            }

            if (operation.Value.BsonType is not (BsonType.Int32 or BsonType.Int64))
            {
                throw MongoCommandException.BadValue(
                    $"The $bit modifier field must be an Integer(32/64 bit); a '{UpdateMessages.TypeName(operation.Value)}' is not supported here: {{{UpdateMessages.Element(operation.Name, operation.Value)}}}");
            }

            operations.Add((operation.Name, operation.Value));
        }
    }

    protected override void UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> path)
    {
        BsonValue current = element.Value;
        if (current.BsonType is not (BsonType.Int32 or BsonType.Int64))
        {
            throw MongoCommandException.BadValue(
                $"Cannot apply $bit to a value of non-integral type.{UpdateMessages.Id(context.Document)} has the field {element.Name} of non-integer type {UpdateMessages.TypeName(current)}");
        }

        element.Set(Apply(current));
    }

    protected override BsonValue ValueForNewElement() => Apply(new BsonInt32(0));

    private BsonValue Apply(BsonValue value)
    {
        foreach ((string operation, BsonValue operand) in operations)
        {
            if (value.BsonType == BsonType.Int32 && operand.BsonType == BsonType.Int32)
            {
                int x = value.AsInt32, y = operand.AsInt32;
                value = new BsonInt32(operation == "and" ? x & y : operation == "or" ? x | y : x ^ y);
            }
            else
            {
                long x = value.ToInt64(), y = operand.ToInt64();
                value = new BsonInt64(operation == "and" ? x & y : operation == "or" ? x | y : x ^ y);
            }
        }

        return value;
    }
}
