using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$convert: {input, to, onError, onNull}</c> and its shortcuts <c>$toInt $toLong $toDouble $toString</c>...</summary>
internal sealed class ConvertNode : ExpressionNode
{
    private static readonly Dictionary<string, string> Shortcuts = new(StringComparer.Ordinal)
    {
        ["$toString"] = "string",
        ["$toInt"] = "int",
        ["$toLong"] = "long",
        ["$toDouble"] = "double",
        ["$toDecimal"] = "decimal",
        ["$toBool"] = "bool",
        ["$toDate"] = "date",
        ["$toObjectId"] = "objectId",
    };

    private readonly ExpressionNode input;
    private readonly ExpressionNode to;
    private readonly ExpressionNode? onError;
    private readonly ExpressionNode? onNull;

    private ConvertNode(ExpressionNode input, ExpressionNode to, ExpressionNode? onError, ExpressionNode? onNull)
    {
        this.input = input;
        this.to = to;
        this.onError = onError;
        this.onNull = onNull;
    }

    public static IEnumerable<string> ShortcutNames => Shortcuts.Keys;

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope)
    {
        if (Shortcuts.TryGetValue(name, out string? target))
        {
            ExpressionNode[] arguments = ExpressionCompiler.CompileArguments(argument, scope);
            return arguments.Length == 1
                ? new ConvertNode(arguments[0], new ConstantNode(new BsonString(target)), null, null)
                : throw AggregationErrors.Fail(50723, $"{name} requires a single argument, got {arguments.Length}");
        }

        if (!argument.IsBsonDocument)
        {
            throw AggregationErrors.Fail(9, $"$convert expects an object of named arguments but found: {AggregationErrors.TypeName(argument)}");
        }

        ExpressionNode? input = null, to = null, onError = null, onNull = null;
        foreach (BsonElement element in argument.AsBsonDocument)
        {
            ExpressionNode node = ExpressionCompiler.Compile(element.Value, scope);
            switch (element.Name)
            {
                case "input":
                    input = node;
                    break;
                case "to":
                    to = node;
                    break;
                case "onError":
                    onError = node;
                    break;
                case "onNull":
                    onNull = node;
                    break;
                default:
                    throw AggregationErrors.Fail(9, $"$convert found an unknown argument: {element.Name}");
            }
        }

        return new ConvertNode(
            input ?? throw AggregationErrors.Fail(9, "Missing 'input' parameter to $convert"),
            to ?? throw AggregationErrors.Fail(9, "Missing 'to' parameter to $convert"),
            onError,
            onNull);
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        BsonValue? target = to.Evaluate(context);
        BsonValue? value = input.Evaluate(context);
        BsonType? targetType = AggregationValues.IsNullish(target) ? null : BsonConversion.ParseTarget(target!);
        if (AggregationValues.IsNullish(value))
        {
            return onNull is not null ? onNull.Evaluate(context) : BsonNull.Value;
        }

        if (AggregationValues.IsNullish(target))
        {
            return BsonNull.Value;
        }

        try
        {
            return BsonConversion.Convert(value!, targetType);
        }
        catch (Errors.MongoCommandException failure) when (onError is not null && (int)failure.Code == AggregationErrors.ConversionFailure)
        {
            return onError.Evaluate(context);
        }
    }
}
