using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$not</c>: the negated truthiness of its only argument.</summary>
internal sealed class NotNode : ExpressionNode
{
    private readonly ExpressionNode argument;

    private NotNode(ExpressionNode argument) => this.argument = argument;

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope) =>
        new NotNode(ExpressionCompiler.CompileExactly(name, argument, scope, 1)[0]);

    public override BsonValue? Evaluate(EvaluationContext context) =>
        AggregationValues.Boolean(!AggregationValues.IsTruthy(argument.Evaluate(context)));
}
