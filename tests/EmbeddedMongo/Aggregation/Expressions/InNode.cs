using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$in: [value, array]</c>: whether the array holds an element equal to the value.</summary>
internal sealed class InNode : ExpressionNode
{
    private readonly ExpressionNode value;
    private readonly ExpressionNode array;

    private InNode(ExpressionNode value, ExpressionNode array)
    {
        this.value = value;
        this.array = array;
    }

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope)
    {
        ExpressionNode[] arguments = ExpressionCompiler.CompileExactly(name, argument, scope, 2);
        return new InNode(arguments[0], arguments[1]);
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        BsonValue? needle = value.Evaluate(context);
        BsonValue? haystack = array.Evaluate(context);
        if (haystack is not { IsBsonArray: true })
        {
            throw AggregationErrors.Fail(40081, $"$in requires an array as a second argument, found: {AggregationErrors.TypeName(haystack)}");
        }

        foreach (BsonValue element in haystack.AsBsonArray)
        {
            if (AggregationValues.Equal(needle, element))
            {
                return BsonBoolean.True;
            }
        }

        return BsonBoolean.False;
    }
}
