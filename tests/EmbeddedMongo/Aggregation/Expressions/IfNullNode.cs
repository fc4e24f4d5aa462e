using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$ifNull: [a, b, ..., replacement]</c>: the first argument that is neither null nor missing, else the last.</summary>
internal sealed class IfNullNode : ExpressionNode
{
    private readonly ExpressionNode[] arguments;

    private IfNullNode(ExpressionNode[] arguments) => this.arguments = arguments;

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope)
    {
        ExpressionNode[] arguments = ExpressionCompiler.CompileArguments(argument, scope);
        if (arguments.Length < 2)
        {
            throw AggregationErrors.Fail(1257300, $"$ifNull needs at least two arguments, had: {arguments.Length}");
        }

        return new IfNullNode(arguments);
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        for (int i = 0; i < arguments.Length - 1; i++)
        {
            BsonValue? value = arguments[i].Evaluate(context);
            if (!AggregationValues.IsNullish(value))
            {
                return value;
            }
        }

        return arguments[^1].Evaluate(context);
    }
}
