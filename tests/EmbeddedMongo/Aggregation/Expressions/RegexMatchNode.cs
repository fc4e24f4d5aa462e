using EmbeddedMongo.Query;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>
/// <c>$regexMatch: {input, regex, options}</c>: whether a string matches. The pattern goes through the query engine's
/// <c>$regex</c> (same PCRE translation and flags), compiled once when it is a constant.
/// </summary>
internal sealed class RegexMatchNode : ExpressionNode
{
    private readonly ExpressionNode input;
    private readonly ExpressionNode regex;
    private readonly ExpressionNode? options;
    private readonly FilterMatcher? constantRegex;

    private RegexMatchNode(ExpressionNode input, ExpressionNode regex, ExpressionNode? options)
    {
        this.input = input;
        this.regex = regex;
        this.options = options;
        if (regex is ConstantNode constantPattern && (options is null or ConstantNode))
        {
            constantRegex = Build(constantPattern.Value, (options as ConstantNode)?.Value);
        }
    }

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope)
    {
        if (!argument.IsBsonDocument)
        {
            throw AggregationErrors.Fail(51103, $"{name} expects an object of named arguments but found: {AggregationErrors.TypeName(argument)}");
        }

        ExpressionNode? input = null, regex = null, options = null;
        foreach (BsonElement element in argument.AsBsonDocument)
        {
            ExpressionNode node = ExpressionCompiler.Compile(element.Value, scope);
            switch (element.Name)
            {
                case "input":
                    input = node;
                    break;
                case "regex":
                    regex = node;
                    break;
                case "options":
                    options = node;
                    break;
                default:
                    throw AggregationErrors.Fail(31024, $"{name} found an unknown argument: {element.Name}");
            }
        }

        return new RegexMatchNode(
            input ?? throw AggregationErrors.Fail(31022, $"{name} requires 'input' parameter"),
            regex ?? throw AggregationErrors.Fail(31023, $"{name} requires 'regex' parameter"),
            options);
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        BsonValue? text = input.Evaluate(context);
        if (!AggregationValues.IsNullish(text) && !text!.IsString)
        {
            throw AggregationErrors.Fail(51104, "$regexMatch needs 'input' to be of type string");
        }

        FilterMatcher? compiled = constantRegex ?? Build(regex.Evaluate(context), options?.Evaluate(context));
        return AggregationValues.Boolean(compiled is not null && text is BsonString s && compiled.Matches(new BsonDocument("v", s)));
    }

    private static FilterMatcher? Build(BsonValue? pattern, BsonValue? options)
    {
        if (!AggregationValues.IsNullish(options) && !options!.IsString)
        {
            throw AggregationErrors.Fail(51106, "$regexMatch needs 'options' to be of type string");
        }

        string flags = options is BsonString o ? o.Value : "";
        string source;
        switch (pattern)
        {
            case BsonRegularExpression expression:
                if (expression.Options.Length > 0 && flags.Length > 0)
                {
                    throw AggregationErrors.Fail(51107, "$regexMatch: found regex option(s) specified in both 'regex' and 'option' fields");
                }

                source = expression.Pattern;
                flags = expression.Options.Length > 0 ? expression.Options : flags;
                break;
            case BsonString text:
                source = text.Value;
                break;
            case null or BsonNull or BsonUndefined:
                return null;
            default:
                throw AggregationErrors.Fail(51105, "$regexMatch needs 'regex' to be of type string or regex");
        }

        return FilterMatcher.Parse(new BsonDocument("v", new BsonDocument { { "$regex", source }, { "$options", flags } }));
    }
}
