using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$eq $ne $gt $gte $lt $lte $cmp</c>: compare two values in full BSON order (no type bracketing).</summary>
internal sealed class ComparisonNode : ExpressionNode
{
    private readonly string name;
    private readonly ExpressionNode left;
    private readonly ExpressionNode right;

    private ComparisonNode(string name, ExpressionNode left, ExpressionNode right)
    {
        this.name = name;
        this.left = left;
        this.right = right;
    }

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope)
    {
        ExpressionNode[] arguments = ExpressionCompiler.CompileExactly(name, argument, scope, 2);
        return new ComparisonNode(name, arguments[0], arguments[1]);
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        int comparison = Math.Sign(AggregationValues.Compare(left.Evaluate(context), right.Evaluate(context)));
        return name switch
        {
            "$cmp" => new BsonInt32(comparison),
            "$eq" => AggregationValues.Boolean(comparison == 0),
            "$ne" => AggregationValues.Boolean(comparison != 0),
            "$gt" => AggregationValues.Boolean(comparison > 0),
            "$gte" => AggregationValues.Boolean(comparison >= 0),
            "$lt" => AggregationValues.Boolean(comparison < 0),
            _ => AggregationValues.Boolean(comparison <= 0),
        };
    }
}
