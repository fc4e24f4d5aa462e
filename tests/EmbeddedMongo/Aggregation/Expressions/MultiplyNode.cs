using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$multiply</c>: numbers only, narrowest result type (an overflowing long product becomes a double).</summary>
internal sealed class MultiplyNode : ExpressionNode
{
    private readonly ExpressionNode[] arguments;

    private MultiplyNode(ExpressionNode[] arguments) => this.arguments = arguments;

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope) =>
        new MultiplyNode(ExpressionCompiler.CompileArguments(argument, scope));

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        double doubleProduct = 1;
        long longProduct = 1;
        decimal decimalProduct = 1;
        int width = NumberValues.IntWidth;
        foreach (ExpressionNode argument in arguments)
        {
            BsonValue? value = argument.Evaluate(context);
            if (!NumberValues.IsNumber(value))
            {
                if (AggregationValues.IsNullish(value))
                {
                    return BsonNull.Value;
                }

                throw AggregationErrors.Fail(16555, $"$multiply only supports numeric types, not {AggregationErrors.TypeName(value)}");
            }

            int newWidth = Math.Max(width, NumberValues.Width(value!));
            if (newWidth == NumberValues.DecimalWidth)
            {
                if (width != NumberValues.DecimalWidth)
                {
                    decimalProduct = width == NumberValues.DoubleWidth ? (decimal)doubleProduct : longProduct;
                }

                decimalProduct *= NumberValues.ToDecimal(value!);
            }
            else
            {
                double number = NumberValues.ToDouble(value!);
                doubleProduct *= number;
                if (!double.IsFinite(number) || !TryMultiply(longProduct, NumberValues.ToInt64(value!), out longProduct))
                {
                    newWidth = NumberValues.DoubleWidth;
                }
            }

            width = newWidth;
        }

        return width switch
        {
            NumberValues.DecimalWidth => NumberValues.FromDecimal(decimalProduct),
            NumberValues.DoubleWidth => new BsonDouble(doubleProduct),
            NumberValues.LongWidth => new BsonInt64(longProduct),
            _ => NumberValues.IntOrLong(longProduct),
        };
    }

    private static bool TryMultiply(long a, long b, out long product)
    {
        Int128 exact = (Int128)a * b;
        bool fits = exact >= long.MinValue && exact <= long.MaxValue;
        product = fits ? (long)exact : 0;
        return fits;
    }
}
