using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$cond</c>, as <c>[if, then, else]</c> or <c>{if, then, else}</c>.</summary>
internal sealed class CondNode : ExpressionNode
{
    private readonly ExpressionNode condition;
    private readonly ExpressionNode then;
    private readonly ExpressionNode otherwise;

    private CondNode(ExpressionNode condition, ExpressionNode then, ExpressionNode otherwise)
    {
        this.condition = condition;
        this.then = then;
        this.otherwise = otherwise;
    }

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope)
    {
        if (!argument.IsBsonDocument)
        {
            ExpressionNode[] arguments = ExpressionCompiler.CompileExactly(name, argument, scope, 3);
            return new CondNode(arguments[0], arguments[1], arguments[2]);
        }

        ExpressionNode? condition = null, then = null, otherwise = null;
        foreach (BsonElement element in argument.AsBsonDocument)
        {
            ExpressionNode node = ExpressionCompiler.Compile(element.Value, scope);
            switch (element.Name)
            {
                case "if":
                    condition = node;
                    break;
                case "then":
                    then = node;
                    break;
                case "else":
                    otherwise = node;
                    break;
                default:
                    throw AggregationErrors.Fail(17083, $"Unrecognized parameter to $cond: {element.Name}");
            }
        }

        return new CondNode(
            condition ?? throw AggregationErrors.Fail(17080, "Missing 'if' parameter to $cond"),
            then ?? throw AggregationErrors.Fail(17081, "Missing 'then' parameter to $cond"),
            otherwise ?? throw AggregationErrors.Fail(17082, "Missing 'else' parameter to $cond"));
    }

    public override BsonValue? Evaluate(EvaluationContext context) =>
        AggregationValues.IsTruthy(condition.Evaluate(context)) ? then.Evaluate(context) : otherwise.Evaluate(context);
}
