using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$isArray</c>.</summary>
internal sealed class IsArrayNode : ExpressionNode
{
    private readonly ExpressionNode argument;

    private IsArrayNode(ExpressionNode argument) => this.argument = argument;

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope) =>
        new IsArrayNode(ExpressionCompiler.CompileExactly(name, argument, scope, 1)[0]);

    public override BsonValue? Evaluate(EvaluationContext context) =>
        AggregationValues.Boolean(argument.Evaluate(context) is { IsBsonArray: true });
}
