using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>Shapes of the condition in a query predicate <c>{field: condition}</c>.</summary>
internal static class QueryConditions
{
    /// <summary>An operator document (<c>{$gt: 1}</c>) as opposed to a literal document compared for equality.</summary>
    public static bool IsOperatorDocument(BsonValue condition) =>
        condition is BsonDocument { ElementCount: > 0 } document && document.GetElement(0).Name.StartsWith('$');

    /// <summary>The regular expression of a <c>$regex</c> operator document (with its <c>$options</c>).</summary>
    public static BsonRegularExpression RegexOf(BsonDocument operators)
    {
        BsonValue pattern = operators["$regex"];
        string options = operators.TryGetValue("$options", out BsonValue o) && o.IsString ? o.AsString : "";
        return pattern switch
        {
            BsonRegularExpression regex => new BsonRegularExpression(regex.Pattern, options.Length > 0 ? options : regex.Options),
            _ => new BsonRegularExpression(pattern.AsString, options),
        };
    }

    /// <summary>Whether MongoDB treats the value as true (<c>$exists: 1</c>).</summary>
    public static bool IsTruthy(BsonValue value) => value switch
    {
        BsonBoolean b => b.Value,
        BsonNull or BsonUndefined => false,
        _ when value.IsNumeric => value.ToDouble() != 0,
        _ => true,
    };
}
