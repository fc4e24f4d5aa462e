using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$mergeObjects</c>: later documents overwrite earlier fields; null and missing arguments are skipped.</summary>
internal sealed class MergeObjectsNode : ExpressionNode
{
    private readonly ExpressionNode[] arguments;

    private MergeObjectsNode(ExpressionNode[] arguments) => this.arguments = arguments;

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope) =>
        new MergeObjectsNode(ExpressionCompiler.CompileArguments(argument, scope));

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        var result = new BsonDocument();
        foreach (ExpressionNode argument in arguments)
        {
            BsonValue? value = argument.Evaluate(context);
            if (AggregationValues.IsNullish(value))
            {
                continue;
            }

            if (!value!.IsBsonDocument)
            {
                throw AggregationErrors.Fail(40400, $"$mergeObjects requires object inputs, but input {value} is of type {AggregationErrors.TypeName(value)}");
            }

            foreach (BsonElement element in value.AsBsonDocument)
            {
                result.Set(element.Name, element.Value);
            }
        }

        return result;
    }
}
