using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$type</c>: the type alias of a value (<c>"missing"</c> for a missing one).</summary>
internal sealed class TypeNode : ExpressionNode
{
    private readonly ExpressionNode argument;

    private TypeNode(ExpressionNode argument) => this.argument = argument;

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope) =>
        new TypeNode(ExpressionCompiler.CompileExactly(name, argument, scope, 1)[0]);

    public override BsonValue? Evaluate(EvaluationContext context) =>
        new BsonString(AggregationErrors.TypeName(argument.Evaluate(context)));
}
