using EmbeddedMongo.Aggregation;
using EmbeddedMongo.Aggregation.Expressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary><c>$expr</c>: an aggregation expression evaluated against the document, matching when truthy.</summary>
internal sealed class ExprNode(BsonValue expression) : FilterNode
{
    // Compiled when the filter is parsed, so a malformed expression fails even on an empty collection.
    private readonly CompiledExpression compiled = AggregationExpression.Compile(expression);

    // The parser only accepts $expr at the top level, so the root is always the document itself.
    public override bool Matches(BsonValue root) =>
        AggregationExpression.IsTruthy(compiled.Evaluate(root.AsBsonDocument));
}
