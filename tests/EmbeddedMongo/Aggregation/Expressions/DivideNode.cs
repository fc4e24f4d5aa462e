using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$divide: [a, b]</c>: a double (a decimal when either side is one); dividing by zero is an error.</summary>
internal sealed class DivideNode : ExpressionNode
{
    private readonly ExpressionNode left;
    private readonly ExpressionNode right;

    private DivideNode(ExpressionNode left, ExpressionNode right)
    {
        this.left = left;
        this.right = right;
    }

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope)
    {
        ExpressionNode[] arguments = ExpressionCompiler.CompileExactly(name, argument, scope, 2);
        return new DivideNode(arguments[0], arguments[1]);
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        BsonValue? lhs = left.Evaluate(context);
        BsonValue? rhs = right.Evaluate(context);
        if (NumberValues.IsNumber(lhs) && NumberValues.IsNumber(rhs))
        {
            if (lhs!.BsonType == BsonType.Decimal128 || rhs!.BsonType == BsonType.Decimal128)
            {
                decimal denominator = NumberValues.ToDecimal(rhs!);
                return denominator == 0 ? throw DivideByZero() : NumberValues.FromDecimal(NumberValues.ToDecimal(lhs) / denominator);
            }

            double divisor = NumberValues.ToDouble(rhs);
            return divisor == 0 ? throw DivideByZero() : new BsonDouble(NumberValues.ToDouble(lhs) / divisor);
        }

        if (AggregationValues.IsNullish(lhs) || AggregationValues.IsNullish(rhs))
        {
            return BsonNull.Value;
        }

        throw AggregationErrors.Fail(16609, $"$divide only supports numeric types, not {AggregationErrors.TypeName(lhs)} and {AggregationErrors.TypeName(rhs)}");
    }

    private static Errors.MongoCommandException DivideByZero() => AggregationErrors.Fail(16608, "can't $divide by zero");
}
