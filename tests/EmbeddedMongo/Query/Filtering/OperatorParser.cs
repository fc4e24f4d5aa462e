using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>Parses the operators applied to one field (<c>{$gt: 1, $lt: 5}</c>) into a <see cref="ValuePredicate"/>.</summary>
internal static class OperatorParser
{
    // Field operators MongoDB has that EmbeddedMongo refuses rather than approximates.
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "$geoWithin", "$geoIntersects", "$near", "$nearSphere", "$within", "$geoNear", "$minDistance", "$maxDistance",
        "$bitsAllSet", "$bitsAllClear", "$bitsAnySet", "$bitsAnyClear",
    };

    // Operators whose presence makes a document in $all an error rather than a value to compare with.
    private static readonly HashSet<string> PathOperators = new(StringComparer.Ordinal)
    {
        "$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists", "$type", "$size", "$mod", "$regex", "$options",
        "$elemMatch", "$all", "$not", "$geoWithin", "$geoIntersects", "$near", "$nearSphere", "$within", "$geoNear",
        "$bitsAllSet", "$bitsAllClear", "$bitsAnySet", "$bitsAnyClear",
    };

    /// <summary>Parses an operator document; <paramref name="field"/> names the field in error messages.</summary>
    public static ValuePredicate ParseOperators(string field, BsonDocument operators)
    {
        var predicates = new List<ValuePredicate>(operators.ElementCount);
        foreach (BsonElement element in operators)
        {
            if (ParseOperator(field, operators, element) is { } predicate)
            {
                predicates.Add(predicate);
            }
        }

        return predicates.Count == 1 ? predicates[0] : new ValueAndPredicate([.. predicates]);
    }

    /// <summary>Implicit equality and <c>$eq</c>.</summary>
    public static ValuePredicate Equality(BsonValue operand) => Comparison(ComparisonOperator.Equal, operand);

    private static ValuePredicate? ParseOperator(string field, BsonDocument context, BsonElement element)
    {
        BsonValue value = element.Value;
        switch (element.Name)
        {
            case "$eq":
                return Equality(value);
            case "$ne":
                return value.BsonType == BsonType.RegularExpression
                    ? throw MongoCommandException.BadValue("Can't have regex as arg to $ne.")
                    : new ValueNotPredicate(Equality(value));
            case "$lt":
                return Range(field, ComparisonOperator.LessThan, value);
            case "$lte":
                return Range(field, ComparisonOperator.LessThanOrEqual, value);
            case "$gt":
                return Range(field, ComparisonOperator.GreaterThan, value);
            case "$gte":
                return Range(field, ComparisonOperator.GreaterThanOrEqual, value);
            case "$in":
                return In(value, "$in needs an array");
            case "$nin":
                return new ValueNotPredicate(In(value, "$nin needs an array"));
            case "$exists":
                return OperatorArguments.IsTrueValue(value) ? ExistsPredicate.Instance : new ValueNotPredicate(ExistsPredicate.Instance);
            case "$type":
                return OperatorArguments.ParseType(field, value);
            case "$size":
                return new SizePredicate(OperatorArguments.ParseSize(value));
            case "$mod":
                return OperatorArguments.ParseMod(value);
            case "$regex":
                return OperatorArguments.ParseRegexDocument(context);
            case "$options":
                // Validated with its $regex, wherever that is in the document.
                return context.Contains("$regex") ? null : throw MongoCommandException.BadValue("$options needs a $regex");
            case "$elemMatch":
                return ElemMatch(value);
            case "$all":
                return All(value);
            case "$not":
                return Not(field, value);
            case "$where":
                throw MongoCommandException.BadValue("$where cannot be applied to a field");
            default:
                if (Unsupported.Contains(element.Name) || element.Name.StartsWith("$_internal", StringComparison.Ordinal))
                {
                    throw MongoCommandException.NotSupported(element.Name);
                }

                throw MongoCommandException.BadValue($"unknown operator: {element.Name}");
        }
    }

    private static ComparisonPredicate Comparison(ComparisonOperator op, BsonValue operand) =>
        operand.BsonType == BsonType.Undefined
            ? throw MongoCommandException.BadValue("cannot compare to undefined")
            : new ComparisonPredicate(op, operand);

    private static ComparisonPredicate Range(string field, ComparisonOperator op, BsonValue operand) =>
        operand.BsonType == BsonType.RegularExpression
            ? throw MongoCommandException.BadValue($"Can't have RegEx as arg to predicate over field '{field}'.")
            : Comparison(op, operand);

    private static InPredicate In(BsonValue value, string notAnArray)
    {
        if (value.BsonType != BsonType.Array)
        {
            throw MongoCommandException.BadValue(notAnArray);
        }

        var equalities = new List<BsonValue>();
        var regexes = new List<RegexPredicate>();
        foreach (BsonValue item in value.AsBsonArray)
        {
            if (FilterParser.IsOperatorDocument(item, allowIncompleteDbRef: false))
            {
                throw MongoCommandException.BadValue("cannot nest $ under $in");
            }

            switch (item.BsonType)
            {
                case BsonType.RegularExpression:
                    regexes.Add(RegexPredicate.Create(item.AsBsonRegularExpression.Pattern, item.AsBsonRegularExpression.Options));
                    break;
                case BsonType.Undefined:
                    throw MongoCommandException.BadValue("InMatchExpression equality cannot be undefined");
                default:
                    equalities.Add(item);
                    break;
            }
        }

        return new InPredicate(equalities, regexes);
    }

    private static ValueNotPredicate Not(string field, BsonValue value)
    {
        if (value.BsonType == BsonType.RegularExpression)
        {
            return new ValueNotPredicate(RegexPredicate.Create(value.AsBsonRegularExpression.Pattern, value.AsBsonRegularExpression.Options));
        }

        if (value.BsonType != BsonType.Document)
        {
            throw MongoCommandException.BadValue("$not needs a regex or a document");
        }

        if (value.AsBsonDocument.ElementCount == 0)
        {
            throw MongoCommandException.BadValue("$not cannot be empty");
        }

        return new ValueNotPredicate(ParseOperators(field, value.AsBsonDocument));
    }

    private static ValuePredicate ElemMatch(BsonValue value)
    {
        if (value.BsonType != BsonType.Document)
        {
            throw MongoCommandException.BadValue("$elemMatch needs an Object");
        }

        BsonDocument query = value.AsBsonDocument;

        // {$gt: 1, $lt: 5} tests the elements themselves; {b: 1} or {$or: [...]} tests them as documents.
        bool valueForm = FilterParser.IsOperatorDocument(query, allowIncompleteDbRef: true)
            && !FilterParser.IsTopLevelOperator(query.GetElement(0).Name);
        return valueForm
            ? new ElemMatchValuePredicate(ParseOperators(string.Empty, query))
            : new ElemMatchObjectPredicate(FilterParser.Parse(query, elementQuery: true));
    }

    private static ValuePredicate All(BsonValue value)
    {
        if (value.BsonType != BsonType.Array)
        {
            throw MongoCommandException.BadValue("$all needs an array");
        }

        BsonArray items = value.AsBsonArray;
        if (items.Count == 0)
        {
            return NeverPredicate.Instance;
        }

        var predicates = new ValuePredicate[items.Count];
        if (IsElemMatch(items[0]))
        {
            for (int i = 0; i < items.Count; i++)
            {
                predicates[i] = IsElemMatch(items[i])
                    ? ElemMatch(items[i].AsBsonDocument.GetElement(0).Value)
                    : throw MongoCommandException.BadValue("$all/$elemMatch has to be consistent");
            }

            return new ValueAndPredicate(predicates);
        }

        for (int i = 0; i < items.Count; i++)
        {
            BsonValue item = items[i];
            if (item.BsonType == BsonType.RegularExpression)
            {
                predicates[i] = RegexPredicate.Create(item.AsBsonRegularExpression.Pattern, item.AsBsonRegularExpression.Options);
            }
            else if (item.BsonType == BsonType.Document && item.AsBsonDocument.ElementCount > 0 && PathOperators.Contains(item.AsBsonDocument.GetElement(0).Name))
            {
                throw MongoCommandException.BadValue("no $ expressions in $all");
            }
            else
            {
                predicates[i] = Equality(item);
            }
        }

        return new ValueAndPredicate(predicates);
    }

    private static bool IsElemMatch(BsonValue item) =>
        item.BsonType == BsonType.Document && item.AsBsonDocument.ElementCount > 0 && item.AsBsonDocument.GetElement(0).Name == "$elemMatch";
}
