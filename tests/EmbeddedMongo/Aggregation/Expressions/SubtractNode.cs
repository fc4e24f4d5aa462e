using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$subtract: [a, b]</c>: numbers, date − date (milliseconds, a long) and date − number (a date).</summary>
internal sealed class SubtractNode : ExpressionNode
{
    private readonly ExpressionNode left;
    private readonly ExpressionNode right;

    private SubtractNode(ExpressionNode left, ExpressionNode right)
    {
        this.left = left;
        this.right = right;
    }

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope)
    {
        ExpressionNode[] arguments = ExpressionCompiler.CompileExactly(name, argument, scope, 2);
        return new SubtractNode(arguments[0], arguments[1]);
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        BsonValue? lhs = left.Evaluate(context);
        BsonValue? rhs = right.Evaluate(context);
        if (NumberValues.IsNumber(lhs) && NumberValues.IsNumber(rhs))
        {
            return SubtractNumbers(lhs!, rhs!);
        }

        if (AggregationValues.IsNullish(lhs) || AggregationValues.IsNullish(rhs))
        {
            return BsonNull.Value;
        }

        if (lhs!.BsonType == BsonType.DateTime)
        {
            long millis = lhs.AsBsonDateTime.MillisecondsSinceEpoch;
            if (rhs!.BsonType == BsonType.DateTime)
            {
                return new BsonInt64(millis - rhs.AsBsonDateTime.MillisecondsSinceEpoch);
            }

            if (NumberValues.IsNumber(rhs))
            {
                return new BsonDateTime(millis - NumberValues.ToInt64(rhs));
            }

            throw AggregationErrors.Fail(16613, $"can't $subtract {AggregationErrors.TypeName(rhs)} from Date");
        }

        throw AggregationErrors.Fail(16556, $"can't $subtract {AggregationErrors.TypeName(rhs)} from {AggregationErrors.TypeName(lhs)}");
    }

    private static BsonValue SubtractNumbers(BsonValue lhs, BsonValue rhs)
    {
        int width = Math.Max(NumberValues.Width(lhs), NumberValues.Width(rhs));
        switch (width)
        {
            case NumberValues.DecimalWidth:
                return NumberValues.FromDecimal(NumberValues.ToDecimal(lhs) - NumberValues.ToDecimal(rhs));
            case NumberValues.DoubleWidth:
                return new BsonDouble(NumberValues.ToDouble(lhs) - NumberValues.ToDouble(rhs));
            default:
                Int128 difference = (Int128)NumberValues.ToInt64(lhs) - NumberValues.ToInt64(rhs);
                return NumberValues.FromInteger(difference, width);
        }
    }
}
