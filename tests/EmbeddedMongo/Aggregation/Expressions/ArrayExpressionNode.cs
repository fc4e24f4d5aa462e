using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>[&lt;expr&gt;, ...]</c>: builds an array; a missing element becomes null (arrays cannot hold missing).</summary>
internal sealed class ArrayExpressionNode : ExpressionNode
{
    private readonly ExpressionNode[] elements;

    public ArrayExpressionNode(ExpressionNode[] elements) => this.elements = elements;

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        var array = new BsonArray(elements.Length);
        foreach (ExpressionNode element in elements)
        {
            array.Add(element.Evaluate(context) ?? BsonNull.Value);
        }

        return array;
    }
}
