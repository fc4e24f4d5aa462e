using System.Text.RegularExpressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>
/// <c>$regexMatch: {input, regex, options}</c>: whether a string matches. Patterns run on .NET's engine with the
/// i, m, s and x flags; a constant pattern is compiled once.
/// </summary>
internal sealed class RegexMatchNode : ExpressionNode
{
    private readonly ExpressionNode input;
    private readonly ExpressionNode regex;
    private readonly ExpressionNode? options;
    private readonly Regex? constantRegex;

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

        Regex? compiled = constantRegex ?? Build(regex.Evaluate(context), options?.Evaluate(context));
        return AggregationValues.Boolean(compiled is not null && text is BsonString s && compiled.IsMatch(s.Value));
    }

    private static Regex? Build(BsonValue? pattern, BsonValue? options)
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

        RegexOptions regexOptions = RegexOptions.CultureInvariant;
        foreach (char flag in flags)
        {
            regexOptions |= flag switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                'u' => RegexOptions.None,
                _ => throw AggregationErrors.Fail(51108, $"$regexMatch invalid flag in regex options: {flag}"),
            };
        }

        try
        {
            return new Regex(source, regexOptions);
        }
        catch (ArgumentException exception)
        {
            throw AggregationErrors.Fail(51111, $"Invalid Regex in $regexMatch: {exception.Message}");
        }
    }
}
