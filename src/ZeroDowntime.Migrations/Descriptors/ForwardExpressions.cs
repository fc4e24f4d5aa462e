using MongoDB.Bson;

namespace ZeroDowntime.Migrations;

/// <summary>Forward expressions: aggregation expressions written over the old value, <c>"$$old"</c>.</summary>
internal static class ForwardExpressions
{
    /// <summary>The old value, as forward expressions write it.</summary>
    public const string OldValueVariable = "$$old";

    /// <summary>Whether <paramref name="value"/> is <c>"$$old"</c> or a path into it (<c>"$$old.x"</c>).</summary>
    public static bool IsOldValueReference(BsonValue value) =>
        value is BsonString s && (s.Value == OldValueVariable || s.Value.StartsWith(OldValueVariable + ".", StringComparison.Ordinal));

    /// <summary>
    /// The forward expression with every <c>"$$old"</c> (and <c>"$$old.x"</c>) replaced by a field path into the old
    /// element, e.g. <c>"$fullName"</c>; <c>$literal</c> operands are left alone.
    /// </summary>
    public static BsonValue Bind(BsonValue forwardExpression, string oldPath) => Substitute(forwardExpression, "$" + oldPath);

    private static BsonValue Substitute(BsonValue value, string oldFieldPath)
    {
        switch (value)
        {
            case BsonString s when IsOldValueReference(s):
                return oldFieldPath + s.Value[OldValueVariable.Length..];
            case BsonArray array:
                return new BsonArray(array.Select(v => Substitute(v, oldFieldPath)));
            case BsonDocument document:
                var result = new BsonDocument();
                foreach (BsonElement element in document)
                {
                    result.Add(element.Name, element.Name == "$literal" ? element.Value : Substitute(element.Value, oldFieldPath));
                }

                return result;
            default:
                return value;
        }
    }
}
