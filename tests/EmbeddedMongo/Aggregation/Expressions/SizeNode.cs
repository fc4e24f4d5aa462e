using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$size</c>: the length of an array; anything else (even null) is an error.</summary>
internal sealed class SizeNode : ExpressionNode
{
    private readonly ExpressionNode argument;

    private SizeNode(ExpressionNode argument) => this.argument = argument;

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope) =>
        new SizeNode(ExpressionCompiler.CompileExactly(name, argument, scope, 1)[0]);

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        BsonValue? value = argument.Evaluate(context);
        return value is { IsBsonArray: true }
            ? new BsonInt32(value.AsBsonArray.Count)
            : throw AggregationErrors.Fail(17124, $"The argument to $size must be an array. Type of argument: {AggregationErrors.TypeName(value)}");
    }
}
