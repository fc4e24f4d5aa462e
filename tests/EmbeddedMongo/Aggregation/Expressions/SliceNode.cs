using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$slice: [array, n]</c> or <c>[array, position, n]</c>.</summary>
internal sealed class SliceNode : ExpressionNode
{
    private readonly ExpressionNode[] arguments;

    private SliceNode(ExpressionNode[] arguments) => this.arguments = arguments;

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope)
    {
        ExpressionNode[] arguments = ExpressionCompiler.CompileArguments(argument, scope);
        if (arguments.Length is < 2 or > 3)
        {
            throw AggregationErrors.Fail(28667, $"Expression $slice takes at least 2 arguments, and at most 3, but {arguments.Length} were passed in.");
        }

        return new SliceNode(arguments);
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        BsonValue? array = arguments[0].Evaluate(context);
        BsonValue? second = arguments[1].Evaluate(context);
        if (AggregationValues.IsNullish(array) || AggregationValues.IsNullish(second))
        {
            return BsonNull.Value;
        }

        if (!array!.IsBsonArray)
        {
            throw AggregationErrors.Fail(28724, $"First argument to $slice must be an array, but is of type: {AggregationErrors.TypeName(array)}");
        }

        int first = ReadInt(second!, 28725, 28726, "Second");
        BsonArray elements = array.AsBsonArray;
        int start, end;
        if (arguments.Length == 2)
        {
            start = first >= 0 ? 0 : Math.Max(0, elements.Count + first);
            end = first >= 0 ? Math.Min(elements.Count, first) : elements.Count;
        }
        else
        {
            start = first < 0 ? Math.Max(0, elements.Count + first) : Math.Min(elements.Count, first);
            BsonValue? countValue = arguments[2].Evaluate(context);
            if (AggregationValues.IsNullish(countValue))
            {
                return BsonNull.Value;
            }

            int count = ReadInt(countValue!, 28727, 28728, "Third");
            if (count <= 0)
            {
                throw AggregationErrors.Fail(28729, $"Third argument to $slice must be positive: {count}");
            }

            end = (int)Math.Min((long)start + count, elements.Count);
        }

        return new BsonArray(elements.Skip(start).Take(end - start));
    }

    private static int ReadInt(BsonValue value, int typeCode, int integralCode, string ordinal)
    {
        if (!NumberValues.IsNumber(value))
        {
            throw AggregationErrors.Fail(typeCode, $"{ordinal} argument to $slice must be a numeric value, but is of type: {AggregationErrors.TypeName(value)}");
        }

        return NumberValues.TryGetInt32(value, out int result)
            ? result
            : throw AggregationErrors.Fail(integralCode, $"{ordinal} argument to $slice can't be represented as a 32-bit integer: {NumberValues.ToDouble(value)}");
    }
}
