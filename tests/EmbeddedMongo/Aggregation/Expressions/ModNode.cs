using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$mod: [a, b]</c>: the remainder, with the sign of the dividend.</summary>
internal sealed class ModNode : ExpressionNode
{
    private readonly ExpressionNode left;
    private readonly ExpressionNode right;

    private ModNode(ExpressionNode left, ExpressionNode right)
    {
        this.left = left;
        this.right = right;
    }

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope)
    {
        ExpressionNode[] arguments = ExpressionCompiler.CompileExactly(name, argument, scope, 2);
        return new ModNode(arguments[0], arguments[1]);
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        BsonValue? lhs = left.Evaluate(context);
        BsonValue? rhs = right.Evaluate(context);
        if (!NumberValues.IsNumber(lhs) || !NumberValues.IsNumber(rhs))
        {
            return AggregationValues.IsNullish(lhs) || AggregationValues.IsNullish(rhs)
                ? BsonNull.Value
                : throw AggregationErrors.Fail(16611, $"$mod only supports numeric types, not {AggregationErrors.TypeName(lhs)} and {AggregationErrors.TypeName(rhs)}");
        }

        if (NumberValues.ToDouble(rhs!) == 0)
        {
            throw AggregationErrors.Fail(16610, "can't $mod by zero");
        }

        if (lhs!.BsonType == BsonType.Decimal128 || rhs!.BsonType == BsonType.Decimal128)
        {
            return NumberValues.FromDecimal(NumberValues.ToDecimal(lhs) % NumberValues.ToDecimal(rhs!));
        }

        if (lhs.BsonType == BsonType.Double || (rhs.BsonType == BsonType.Double && !NumberValues.TryGetInt32(rhs, out _)))
        {
            return new BsonDouble(NumberValues.ToDouble(lhs) % NumberValues.ToDouble(rhs));
        }

        long dividend = NumberValues.ToInt64(lhs), divisor = NumberValues.ToInt64(rhs);
        long remainder = divisor == -1 ? 0 : dividend % divisor;
        return lhs.BsonType == BsonType.Int64 || rhs.BsonType == BsonType.Int64 ? new BsonInt64(remainder) : new BsonInt32((int)remainder);
    }
}
