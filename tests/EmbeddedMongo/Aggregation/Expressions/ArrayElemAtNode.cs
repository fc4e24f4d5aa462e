using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$arrayElemAt: [array, index]</c>: negative indexes count from the end; out of bounds is missing.</summary>
internal sealed class ArrayElemAtNode : ExpressionNode
{
    private readonly ExpressionNode array;
    private readonly ExpressionNode index;

    private ArrayElemAtNode(ExpressionNode array, ExpressionNode index)
    {
        this.array = array;
        this.index = index;
    }

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope)
    {
        ExpressionNode[] arguments = ExpressionCompiler.CompileExactly(name, argument, scope, 2);
        return new ArrayElemAtNode(arguments[0], arguments[1]);
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        BsonValue? arrayValue = array.Evaluate(context);
        BsonValue? indexValue = index.Evaluate(context);
        if (AggregationValues.IsNullish(arrayValue) || AggregationValues.IsNullish(indexValue))
        {
            return BsonNull.Value;
        }

        if (!arrayValue!.IsBsonArray)
        {
            throw AggregationErrors.Fail(28689, $"$arrayElemAt's first argument must be an array, but is {AggregationErrors.TypeName(arrayValue)}");
        }

        if (!NumberValues.IsNumber(indexValue))
        {
            throw AggregationErrors.Fail(28690, $"$arrayElemAt's second argument must be a numeric value, but is {AggregationErrors.TypeName(indexValue)}");
        }

        if (!NumberValues.TryGetInt32(indexValue!, out int position))
        {
            throw AggregationErrors.Fail(28691, $"$arrayElemAt's second argument must be representable as a 32-bit integer: {NumberValues.ToDouble(indexValue!)}");
        }

        BsonArray elements = arrayValue.AsBsonArray;
        long effective = position < 0 ? (long)elements.Count + position : position;
        return effective >= 0 && effective < elements.Count ? elements[(int)effective] : null;
    }
}
