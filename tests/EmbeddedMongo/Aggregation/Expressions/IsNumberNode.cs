using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$isNumber</c>: whether the value is an int, long, double or decimal.</summary>
internal sealed class IsNumberNode : ExpressionNode
{
    private readonly ExpressionNode argument;

    private IsNumberNode(ExpressionNode argument) => this.argument = argument;

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope) =>
        new IsNumberNode(ExpressionCompiler.CompileExactly(name, argument, scope, 1)[0]);

    public override BsonValue? Evaluate(EvaluationContext context) =>
        AggregationValues.Boolean(NumberValues.IsNumber(argument.Evaluate(context)));
}
