using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$concatArrays</c>: null as soon as an argument is null or missing.</summary>
internal sealed class ConcatArraysNode : ExpressionNode
{
    private readonly ExpressionNode[] arguments;

    private ConcatArraysNode(ExpressionNode[] arguments) => this.arguments = arguments;

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope) =>
        new ConcatArraysNode(ExpressionCompiler.CompileArguments(argument, scope));

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        var result = new BsonArray();
        foreach (ExpressionNode argument in arguments)
        {
            BsonValue? value = argument.Evaluate(context);
            if (AggregationValues.IsNullish(value))
            {
                return BsonNull.Value;
            }

            if (!value!.IsBsonArray)
            {
                throw AggregationErrors.Fail(28664, $"$concatArrays only supports arrays, not {AggregationErrors.TypeName(value)}");
            }

            result.AddRange(value.AsBsonArray);
        }

        return result;
    }
}
