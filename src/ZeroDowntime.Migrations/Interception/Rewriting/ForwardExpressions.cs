using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>Binds a migration's forward expression (written over <c>"$$old"</c>) to an expression for the old value.</summary>
internal static class ForwardExpressions
{
    private const string OldVariable = "$$old";

    /// <summary>
    /// The forward expression with every <c>"$$old"</c> (and <c>"$$old.x"</c>) replaced by a field path into the old
    /// element, e.g. <c>"$fullName"</c>; <c>$literal</c> operands are left alone.
    /// </summary>
    public static BsonValue Bind(BsonValue forwardExpression, string oldPath) => Substitute(forwardExpression, "$" + oldPath);

    private static BsonValue Substitute(BsonValue value, string oldFieldPath)
    {
        switch (value)
        {
            case BsonString s when s.Value == OldVariable:
                return oldFieldPath;
            case BsonString s when s.Value.StartsWith(OldVariable + ".", StringComparison.Ordinal):
                return oldFieldPath + s.Value[OldVariable.Length..];
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
