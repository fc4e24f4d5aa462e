using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>A node of a compiled aggregation expression; <c>null</c> results mean "missing".</summary>
internal abstract class ExpressionNode
{
    /// <summary>True when the node always evaluates to the same value (a literal, or built only from literals).</summary>
    public virtual bool IsConstant => false;

    public abstract BsonValue? Evaluate(EvaluationContext context);
}
