using System.Runtime.CompilerServices;
using EmbeddedMongo.Aggregation.Expressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation;

/// <summary>
/// Evaluates aggregation expressions (used by <c>$expr</c> in queries and by pipeline updates). Each expression is
/// compiled once and cached by reference, so evaluating the same filter or update against many documents is cheap.
/// </summary>
internal static class AggregationExpression
{
    private static readonly ConditionalWeakTable<BsonValue, CompiledExpression> Cache = new();

    /// <summary>Evaluates <paramref name="expression"/> against <paramref name="root"/>; <c>null</c> means missing.</summary>
    public static BsonValue? Evaluate(BsonValue expression, BsonDocument root) => Compile(expression).Evaluate(root);

    /// <summary>Parses and validates an expression once (errors carry MongoDB's codes); the result is cached.</summary>
    public static CompiledExpression Compile(BsonValue expression) =>
        Cache.GetValue(expression, static value => CompiledExpression.Compile(value));

    /// <summary>False for missing, null, false, numeric zeros and undefined; true otherwise.</summary>
    public static bool IsTruthy(BsonValue? value) => AggregationValues.IsTruthy(value);
}
