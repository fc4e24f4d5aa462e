using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>Parses a query document (<c>{a: 1, b: {$gt: 2}, $or: [...]}</c>) into a tree of <see cref="FilterNode"/>s.</summary>
internal static class FilterParser
{
    // Operators MongoDB accepts at the top level that EmbeddedMongo refuses rather than approximates.
    private static readonly HashSet<string> UnsupportedTopLevel = new(StringComparer.Ordinal) { "$where", "$text", "$jsonSchema", "$sampleRate" };

    private static readonly HashSet<string> TopLevelOperators = new(StringComparer.Ordinal)
    {
        "$and", "$or", "$nor", "$comment", "$expr", "$alwaysTrue", "$alwaysFalse", "$ref", "$id", "$db", "$where", "$text", "$jsonSchema", "$sampleRate",
    };

    /// <summary>Parses <paramref name="filter"/>; <paramref name="elementQuery"/> is true under <c>$elemMatch</c>, where <c>$expr</c> is refused.</summary>
    public static FilterNode Parse(BsonDocument filter, bool elementQuery)
    {
        var children = new List<FilterNode>(filter.ElementCount);
        foreach (BsonElement element in filter)
        {
            if (element.Name.StartsWith('$'))
            {
                if (ParseTopLevelOperator(element, elementQuery) is { } node)
                {
                    children.Add(node);
                }

                continue;
            }

            var path = new FieldPath(element.Name);
            BsonValue value = element.Value;
            if (IsOperatorDocument(value, allowIncompleteDbRef: false))
            {
                children.Add(OperatorParser.ParseOperators(element.Name, value.AsBsonDocument).ToFilterNode(path));
            }
            else if (value.BsonType == BsonType.RegularExpression)
            {
                BsonRegularExpression regex = value.AsBsonRegularExpression;
                children.Add(new PathNode(path, RegexPredicate.Create(regex.Pattern, regex.Options)));
            }
            else
            {
                children.Add(new PathNode(path, OperatorParser.Equality(value)));
            }
        }

        return children.Count == 1 ? children[0] : new AndNode([.. children]);
    }

    /// <summary>Whether <paramref name="name"/> is a top-level (pathless) operator such as <c>$and</c> or <c>$expr</c>.</summary>
    public static bool IsTopLevelOperator(string name) => TopLevelOperators.Contains(name) || name.StartsWith("$_internal", StringComparison.Ordinal);

    /// <summary>
    /// MongoDB's "expression document": a non-empty document whose first field starts with '$', except a DBRef
    /// (<c>$ref</c> and <c>$id</c>, or any of <c>$ref $id $db</c> when <paramref name="allowIncompleteDbRef"/>).
    /// </summary>
    public static bool IsOperatorDocument(BsonValue value, bool allowIncompleteDbRef)
    {
        if (value.BsonType != BsonType.Document || value.AsBsonDocument.ElementCount == 0)
        {
            return false;
        }

        BsonDocument document = value.AsBsonDocument;
        if (!document.GetElement(0).Name.StartsWith('$'))
        {
            return false;
        }

        bool hasRef = document.Contains("$ref"), hasId = document.Contains("$id");
        bool isDbRef = allowIncompleteDbRef ? hasRef || hasId || document.Contains("$db") : hasRef && hasId;
        return !isDbRef;
    }

    private static FilterNode? ParseTopLevelOperator(BsonElement element, bool elementQuery)
    {
        string name = element.Name;
        switch (name)
        {
            case "$and":
                return new AndNode(ParseClauses(element, elementQuery));
            case "$or":
                return new OrNode(ParseClauses(element, elementQuery));
            case "$nor":
                return new NorNode(ParseClauses(element, elementQuery));
            case "$comment":
                return null;
            case "$expr":
                return elementQuery
                    ? throw MongoCommandException.BadValue("$expr can only be applied to the top-level document")
                    : new ExprNode(element.Value);
            case "$alwaysTrue":
            case "$alwaysFalse":
                if (!OperatorArguments.TryGetExactInteger(element.Value, out long one) || one != 1)
                {
                    throw MongoCommandException.FailedToParse($"{name} must be an integer value of 1");
                }

                return name == "$alwaysTrue" ? ConstantNode.True : ConstantNode.False;
            case "$ref":
            case "$id":
            case "$db":
                // DBRef fields queried directly, as in {$elemMatch: {$ref: "users", $id: 5}}.
                return new PathNode(new FieldPath(name), OperatorParser.Equality(element.Value));
            default:
                if (UnsupportedTopLevel.Contains(name) || name.StartsWith("$_internal", StringComparison.Ordinal))
                {
                    throw MongoCommandException.NotSupported(name);
                }

                throw MongoCommandException.BadValue(
                    $"unknown top level operator: {name}. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.");
        }
    }

    private static FilterNode[] ParseClauses(BsonElement element, bool elementQuery)
    {
        if (element.Value.BsonType != BsonType.Array)
        {
            throw MongoCommandException.BadValue($"{element.Name} must be an array");
        }

        BsonArray clauses = element.Value.AsBsonArray;
        if (clauses.Count == 0)
        {
            throw MongoCommandException.BadValue("$and/$or/$nor must be a nonempty array");
        }

        var nodes = new FilterNode[clauses.Count];
        for (int i = 0; i < clauses.Count; i++)
        {
            if (clauses[i].BsonType != BsonType.Document)
            {
                throw MongoCommandException.BadValue("$or/$and/$nor entries need to be full objects");
            }

            // Clauses keep the level: $expr is fine in a top-level $or, refused in one under $elemMatch.
            nodes[i] = Parse(clauses[i].AsBsonDocument, elementQuery);
        }

        return nodes;
    }
}
