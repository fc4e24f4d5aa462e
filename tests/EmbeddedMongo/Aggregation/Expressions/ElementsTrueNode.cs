using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$anyElementTrue</c> / <c>$allElementsTrue</c>: the truthiness of an array's elements.</summary>
internal sealed class ElementsTrueNode : ExpressionNode
{
    private readonly string name;
    private readonly ExpressionNode argument;

    private ElementsTrueNode(string name, ExpressionNode argument)
    {
        this.name = name;
        this.argument = argument;
    }

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope) =>
        new ElementsTrueNode(name, ExpressionCompiler.CompileExactly(name, argument, scope, 1)[0]);

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        BsonValue? value = argument.Evaluate(context);
        if (value is not BsonArray array)
        {
            bool any = name == "$anyElementTrue";
            throw AggregationErrors.Fail(any ? 17041 : 17040, $"{name}'s argument must be an array, but is {AggregationErrors.TypeName(value)}");
        }

        return name == "$anyElementTrue"
            ? AggregationValues.Boolean(array.Any(AggregationValues.IsTruthy))
            : AggregationValues.Boolean(array.All(AggregationValues.IsTruthy));
    }
}
