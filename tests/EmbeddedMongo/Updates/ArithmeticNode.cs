using EmbeddedMongo.Bson;
using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary><c>$inc</c> and <c>$mul</c>, with MongoDB's numeric type promotion.</summary>
internal sealed class ArithmeticNode : ModifierNode
{
    private readonly BsonValue operand;
    private readonly bool isMultiply;

    public ArithmeticNode(BsonElement argument, bool isMultiply)
    {
        this.isMultiply = isMultiply;
        if (!BsonOrder.IsNumber(argument.Value))
        {
            throw MongoCommandException.TypeMismatch(
                $"Cannot {(isMultiply ? "multiply" : "increment")} with non-numeric argument: {{{UpdateMessages.Element(argument.Name, argument.Value)}}}");
        }

        operand = argument.Value;
    }

    private string OperatorName => isMultiply ? "$mul" : "$inc";

    protected override void UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> path)
    {
        BsonValue current = element.Value;
        if (!BsonOrder.IsNumber(current))
        {
            throw MongoCommandException.TypeMismatch(
                $"Cannot apply {OperatorName} to a value of non-numeric type. {{{UpdateMessages.Id(context.Document)}}} has the field '{element.Name}' of non-numeric type {UpdateMessages.TypeName(current)}");
        }

        BsonValue result = (isMultiply ? NumericArithmetic.Multiply(current, operand) : NumericArithmetic.Add(current, operand))
            ?? throw MongoCommandException.BadValue(
                $"Failed to apply {OperatorName} operations to current value ({NumericArithmetic.DebugString(current)}) for document {{{UpdateMessages.Id(context.Document)}}}");
        element.Set(result);
    }

    // A missing field: $inc sets the operand; $mul sets zero of the operand's type.
    protected override BsonValue ValueForNewElement() =>
        isMultiply ? NumericArithmetic.Multiply(operand, new BsonInt32(0))! : operand;
}
