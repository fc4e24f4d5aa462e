using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>
/// <c>$add</c>: numbers (narrowest result type, int overflowing to long and long to double) and at most one date.
/// </summary>
internal sealed class AddNode : ExpressionNode
{
    private readonly ExpressionNode[] arguments;

    private AddNode(ExpressionNode[] arguments) => this.arguments = arguments;

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope) =>
        new AddNode(ExpressionCompiler.CompileArguments(argument, scope));

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        var sum = new NumericSum();
        bool haveDate = false;
        foreach (ExpressionNode argument in arguments)
        {
            BsonValue? value = argument.Evaluate(context);
            if (NumberValues.IsNumber(value))
            {
                sum.Add(value);
            }
            else if (value?.BsonType == BsonType.DateTime)
            {
                if (haveDate)
                {
                    throw AggregationErrors.Fail(16612, "only one date allowed in an $add expression");
                }

                haveDate = true;
                sum.AddMilliseconds(value.AsBsonDateTime.MillisecondsSinceEpoch);
            }
            else if (AggregationValues.IsNullish(value))
            {
                return BsonNull.Value;
            }
            else
            {
                throw AggregationErrors.Fail(16554, $"$add only supports numeric or date types, not {AggregationErrors.TypeName(value)}");
            }
        }

        return haveDate ? new BsonDateTime(DateMilliseconds(sum)) : sum.Total();
    }

    private static long DateMilliseconds(NumericSum sum)
    {
        if (sum.ExactInteger() is long exact)
        {
            return exact;
        }

        double total = sum.HasDecimal ? (double)sum.DecimalTotal() : sum.DoubleTotal();
        if (double.IsNaN(total) || total < long.MinValue || total >= long.MaxValue)
        {
            throw AggregationErrors.Fail(15, "date overflow in $add");
        }

        return (long)Math.Round(total);
    }
}
