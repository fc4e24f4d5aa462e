using System.Globalization;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$toLower</c> / <c>$toUpper</c> (ASCII letters only, like MongoDB); null and missing give "".</summary>
internal sealed class StringCaseNode : ExpressionNode
{
    private readonly bool upper;
    private readonly ExpressionNode argument;

    private StringCaseNode(bool upper, ExpressionNode argument)
    {
        this.upper = upper;
        this.argument = argument;
    }

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope) =>
        new StringCaseNode(name == "$toUpper", ExpressionCompiler.CompileExactly(name, argument, scope, 1)[0]);

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        BsonValue? value = argument.Evaluate(context);
        string text = value switch
        {
            null or BsonNull or BsonUndefined => "",
            BsonString s => s.Value,
            _ when NumberValues.IsNumber(value) => BsonConversion.ToStringValue(value),
            BsonDateTime => BsonConversion.ToStringValue(value),
            _ => throw AggregationErrors.Fail(16007, $"can't convert from BSON type {AggregationErrors.TypeName(value)} to String"),
        };

        return new BsonString(string.Create(text.Length, (text, upper), static (span, state) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                char c = state.text[i];
                span[i] = char.IsAscii(c) ? (state.upper ? char.ToUpper(c, CultureInfo.InvariantCulture) : char.ToLower(c, CultureInfo.InvariantCulture)) : c;
            }
        }));
    }
}
