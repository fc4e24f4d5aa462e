using EmbeddedMongo.Aggregation.Expressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Query.Projection;

/// <summary>Find's <c>{field: {$elemMatch: ...}}</c> projection: an array of the first matching element, else missing.</summary>
internal sealed class ElemMatchProjectionNode : ExpressionNode
{
    private readonly string field;
    private readonly FilterMatcher matcher;

    public ElemMatchProjectionNode(string field, BsonDocument condition)
    {
        this.field = field;
        matcher = FilterMatcher.Parse(new BsonDocument(field, new BsonDocument("$elemMatch", condition)));
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        if (!context.Root.TryGetValue(field, out BsonValue value) || !value.IsBsonArray)
        {
            return null;
        }

        foreach (BsonValue element in value.AsBsonArray)
        {
            // Matching the element alone tells which element satisfies the $elemMatch.
            if (matcher.Matches(new BsonDocument(field, new BsonArray { element })))
            {
                return new BsonArray { element };
            }
        }

        return null;
    }
}
