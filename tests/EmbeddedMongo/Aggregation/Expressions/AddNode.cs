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
        Int128 integral = 0;
        double doubles = 0;
        decimal decimals = 0;
        int width = NumberValues.IntWidth;
        bool haveDate = false;
        foreach (ExpressionNode argument in arguments)
        {
            BsonValue? value = argument.Evaluate(context);
            switch (value?.BsonType)
            {
                case BsonType.Int32:
                    integral += value.AsInt32;
                    break;
                case BsonType.Int64:
                    integral += value.AsInt64;
                    width = Math.Max(width, NumberValues.LongWidth);
                    break;
                case BsonType.Double:
                    doubles += value.AsDouble;
                    width = Math.Max(width, NumberValues.DoubleWidth);
                    break;
                case BsonType.Decimal128:
                    decimals += NumberValues.ToDecimal(value);
                    width = NumberValues.DecimalWidth;
                    break;
                case BsonType.DateTime:
                    if (haveDate)
                    {
                        throw AggregationErrors.Fail(16612, "only one date allowed in an $add expression");
                    }

                    haveDate = true;
                    integral += value.AsBsonDateTime.MillisecondsSinceEpoch;
                    break;
                default:
                    if (!AggregationValues.IsNullish(value))
                    {
                        throw AggregationErrors.Fail(16554, $"$add only supports numeric or date types, not {AggregationErrors.TypeName(value)}");
                    }

                    return BsonNull.Value;
            }
        }

        if (haveDate)
        {
            return new BsonDateTime(DateMilliseconds(integral, doubles, decimals, width));
        }

        return width switch
        {
            NumberValues.DecimalWidth => NumberValues.FromDecimal(decimals + (decimal)integral + (decimal)doubles),
            NumberValues.DoubleWidth => new BsonDouble((double)integral + doubles),
            _ => NumberValues.FromInteger(integral, width),
        };
    }

    private static long DateMilliseconds(Int128 integral, double doubles, decimal decimals, int width)
    {
        double total = width == NumberValues.DecimalWidth
            ? (double)(decimals + (decimal)integral + (decimal)doubles)
            : (double)integral + doubles;
        if (width < NumberValues.DoubleWidth && integral >= long.MinValue && integral <= long.MaxValue)
        {
            return (long)integral;
        }

        if (double.IsNaN(total) || total < long.MinValue || total >= long.MaxValue)
        {
            throw AggregationErrors.Fail(15, "date overflow in $add");
        }

        return (long)Math.Round(total);
    }
}
