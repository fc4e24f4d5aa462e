using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$and</c> / <c>$or</c>: short-circuit over the truthiness of the arguments (<c>$and: []</c> is true).</summary>
internal sealed class LogicalNode : ExpressionNode
{
    private readonly bool isAnd;
    private readonly ExpressionNode[] arguments;

    private LogicalNode(bool isAnd, ExpressionNode[] arguments)
    {
        this.isAnd = isAnd;
        this.arguments = arguments;
    }

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope) =>
        new LogicalNode(name == "$and", ExpressionCompiler.CompileArguments(argument, scope));

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        foreach (ExpressionNode argument in arguments)
        {
            if (AggregationValues.IsTruthy(argument.Evaluate(context)) != isAnd)
            {
                return AggregationValues.Boolean(!isAnd);
            }
        }

        return AggregationValues.Boolean(isAnd);
    }
}
