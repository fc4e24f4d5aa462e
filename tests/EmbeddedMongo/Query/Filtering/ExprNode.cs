using EmbeddedMongo.Aggregation;
using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary><c>$expr</c>: an aggregation expression evaluated against the document, matching when truthy.</summary>
internal sealed class ExprNode(BsonValue expression) : FilterNode
{
    // The parser only accepts $expr at the top level, so the root is always the document itself.
    public override bool Matches(BsonValue root) =>
        AggregationExpression.IsTruthy(AggregationExpression.Evaluate(expression, root.AsBsonDocument));
}
