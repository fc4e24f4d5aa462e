using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation;

/// <summary>Evaluates aggregation expressions. STUB.</summary>
internal static class AggregationExpression
{
    /// <summary>Evaluates <paramref name="expression"/> against <paramref name="root"/>; <c>null</c> means missing.</summary>
    public static BsonValue? Evaluate(BsonValue expression, BsonDocument root) => expression;

    public static bool IsTruthy(BsonValue? value) => value is not null && !value.IsBsonNull && !(value.IsBoolean && !value.AsBoolean);
}
