using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>The expression operators EmbeddedMongo implements, and those MongoDB has but EmbeddedMongo refuses.</summary>
internal static class OperatorRegistry
{
    private static readonly Dictionary<string, Func<string, BsonValue, ExpressionScope, ExpressionNode>> Parsers = CreateParsers();

    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "$abs", "$acos", "$acosh", "$arrayToObject", "$asin", "$asinh", "$atan",
        "$atan2", "$atanh", "$avg", "$binarySize", "$bitAnd", "$bitNot", "$bitOr", "$bitXor", "$bsonSize", "$ceil", "$cos",
        "$cosh", "$dateAdd", "$dateDiff", "$dateFromParts", "$dateFromString", "$dateSubtract", "$dateToParts",
        "$dateToString", "$dateTrunc", "$dayOfMonth", "$dayOfWeek", "$dayOfYear", "$degreesToRadians", "$exp", "$first",
        "$firstN", "$floor", "$function", "$getField", "$hour", "$indexOfArray", "$indexOfBytes", "$indexOfCP", "$isoDayOfWeek", "$isoWeek", "$isoWeekYear", "$last", "$lastN", "$ln", "$log", "$log10", "$ltrim", "$max", "$maxN",
        "$median", "$meta", "$millisecond", "$min", "$minN", "$minute", "$month", "$objectToArray", "$percentile", "$pow",
        "$radiansToDegrees", "$rand", "$range", "$reduce", "$regexFind", "$regexFindAll", "$replaceAll",
        "$replaceOne", "$reverseArray", "$round", "$rtrim", "$sampleRate", "$second", "$setDifference", "$setEquals",
        "$setField", "$setIntersection", "$setIsSubset", "$setUnion", "$sin", "$sinh", "$sortArray", "$split", "$sqrt",
        "$stdDevPop", "$stdDevSamp", "$strcasecmp", "$strLenBytes", "$strLenCP", "$substr", "$substrBytes", "$substrCP",
        "$sum", "$tan", "$tanh", "$toHashedIndexKey", "$trim", "$trunc", "$tsIncrement", "$tsSecond", "$unsetField", "$week",
        "$year", "$zip",
    };

    /// <summary>Whether MongoDB knows <paramref name="name"/> as an expression operator.</summary>
    public static bool IsExpressionName(string name) => Parsers.ContainsKey(name) || Unsupported.Contains(name);

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope)
    {
        if (Parsers.TryGetValue(name, out Func<string, BsonValue, ExpressionScope, ExpressionNode>? parser))
        {
            return parser(name, argument, scope);
        }

        if (Unsupported.Contains(name))
        {
            throw Errors.MongoCommandException.NotSupported($"The {name} expression");
        }

        throw AggregationErrors.Fail(168, $"Unrecognized expression '{name}'");
    }

    private static Dictionary<string, Func<string, BsonValue, ExpressionScope, ExpressionNode>> CreateParsers()
    {
        var parsers = new Dictionary<string, Func<string, BsonValue, ExpressionScope, ExpressionNode>>(StringComparer.Ordinal)
        {
            ["$literal"] = static (_, argument, _) => new ConstantNode(argument),
            ["$const"] = static (_, argument, _) => new ConstantNode(argument),
            ["$and"] = LogicalNode.Parse,
            ["$or"] = LogicalNode.Parse,
            ["$not"] = NotNode.Parse,
            ["$cond"] = CondNode.Parse,
            ["$ifNull"] = IfNullNode.Parse,
            ["$switch"] = SwitchNode.Parse,
            ["$type"] = TypeNode.Parse,
            ["$isArray"] = IsArrayNode.Parse,
            ["$isNumber"] = IsNumberNode.Parse,
            ["$anyElementTrue"] = ElementsTrueNode.Parse,
            ["$allElementsTrue"] = ElementsTrueNode.Parse,
            ["$regexMatch"] = RegexMatchNode.Parse,
            ["$concat"] = ConcatNode.Parse,
            ["$toLower"] = StringCaseNode.Parse,
            ["$toUpper"] = StringCaseNode.Parse,
            ["$add"] = AddNode.Parse,
            ["$subtract"] = SubtractNode.Parse,
            ["$multiply"] = MultiplyNode.Parse,
            ["$divide"] = DivideNode.Parse,
            ["$mod"] = ModNode.Parse,
            ["$in"] = InNode.Parse,
            ["$size"] = SizeNode.Parse,
            ["$arrayElemAt"] = ArrayElemAtNode.Parse,
            ["$slice"] = SliceNode.Parse,
            ["$concatArrays"] = ConcatArraysNode.Parse,
            ["$mergeObjects"] = MergeObjectsNode.Parse,
            ["$let"] = LetNode.Parse,
            ["$map"] = ArrayIterationNode.Parse,
            ["$filter"] = ArrayIterationNode.Parse,
            ["$convert"] = ConvertNode.Parse,
        };

        foreach (string comparison in new[] { "$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$cmp" })
        {
            parsers[comparison] = ComparisonNode.Parse;
        }

        foreach (string shortcut in ConvertNode.ShortcutNames)
        {
            parsers[shortcut] = ConvertNode.Parse;
        }

        return parsers;
    }
}
