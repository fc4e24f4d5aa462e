using System.Text;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$concat</c>: strings only; null as soon as an argument is null or missing.</summary>
internal sealed class ConcatNode : ExpressionNode
{
    private readonly ExpressionNode[] arguments;

    private ConcatNode(ExpressionNode[] arguments) => this.arguments = arguments;

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope) =>
        new ConcatNode(ExpressionCompiler.CompileArguments(argument, scope));

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        var result = new StringBuilder();
        foreach (ExpressionNode argument in arguments)
        {
            BsonValue? value = argument.Evaluate(context);
            if (AggregationValues.IsNullish(value))
            {
                return BsonNull.Value;
            }

            if (!value!.IsString)
            {
                throw AggregationErrors.Fail(16702, $"$concat only supports strings, not {AggregationErrors.TypeName(value)}");
            }

            result.Append(value.AsString);
        }

        return new BsonString(result.ToString());
    }
}
