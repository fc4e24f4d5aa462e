using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>A literal value (<c>null</c> for the missing value of <c>$$REMOVE</c>).</summary>
internal sealed class ConstantNode : ExpressionNode
{
    public static readonly ConstantNode Missing = new(null);

    public ConstantNode(BsonValue? value) => Value = value;

    public BsonValue? Value { get; }

    public override bool IsConstant => true;

    public override BsonValue? Evaluate(EvaluationContext context) => Value;
}
