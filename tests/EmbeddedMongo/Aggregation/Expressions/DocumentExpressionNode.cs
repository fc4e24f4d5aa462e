using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>{a: &lt;expr&gt;, b: &lt;expr&gt;}</c>: builds a document; fields whose value is missing are left out.</summary>
internal sealed class DocumentExpressionNode : ExpressionNode
{
    private readonly (string Name, ExpressionNode Node)[] fields;

    public DocumentExpressionNode((string Name, ExpressionNode Node)[] fields) => this.fields = fields;

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        var document = new BsonDocument();
        foreach ((string name, ExpressionNode node) in fields)
        {
            if (node.Evaluate(context) is { } value)
            {
                document.Add(name, value);
            }
        }

        return document;
    }
}
