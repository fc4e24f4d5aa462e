using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>
/// <c>$map: {input, as, in}</c> and <c>$filter: {input, as, cond}</c>: evaluate an expression for each element,
/// bound to <c>$$this</c> (or the <c>as</c> name).
/// </summary>
internal sealed class ArrayIterationNode : ExpressionNode
{
    private readonly bool isFilter;
    private readonly ExpressionNode input;
    private readonly int slot;
    private readonly ExpressionNode body;

    private ArrayIterationNode(bool isFilter, ExpressionNode input, int slot, ExpressionNode body)
    {
        this.isFilter = isFilter;
        this.input = input;
        this.slot = slot;
        this.body = body;
    }

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope)
    {
        bool isFilter = name == "$filter";
        string bodyName = isFilter ? "cond" : "in";
        if (!argument.IsBsonDocument)
        {
            throw AggregationErrors.Fail(isFilter ? 28646 : 16878, $"{name} only supports an object as its argument");
        }

        BsonValue? input = null, body = null;
        string variable = "this";
        foreach (BsonElement element in argument.AsBsonDocument)
        {
            if (element.Name == "input")
            {
                input = element.Value;
            }
            else if (element.Name == bodyName)
            {
                body = element.Value;
            }
            else if (element.Name == "as")
            {
                variable = element.Value.IsString ? element.Value.AsString : "";
            }
            else if (isFilter && element.Name == "limit")
            {
                throw Errors.MongoCommandException.NotSupported("The 'limit' option of $filter");
            }
            else
            {
                throw AggregationErrors.Fail(isFilter ? 28647 : 16879, $"Unrecognized parameter to {name}: {element.Name}");
            }
        }

        if (input is null)
        {
            throw AggregationErrors.Fail(isFilter ? 28648 : 16880, $"Missing 'input' parameter to {name}");
        }

        if (body is null)
        {
            throw AggregationErrors.Fail(isFilter ? 28650 : 16882, $"Missing '{bodyName}' parameter to {name}");
        }

        ExpressionNode inputNode = ExpressionCompiler.Compile(input, scope);
        VariableNames.ValidateForWrite(variable);
        ExpressionScope inner = scope.CreateChild();
        int slot = inner.Define(variable);
        return new ArrayIterationNode(isFilter, inputNode, slot, ExpressionCompiler.Compile(body, inner));
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        BsonValue? value = input.Evaluate(context);
        if (AggregationValues.IsNullish(value))
        {
            return BsonNull.Value;
        }

        if (!value!.IsBsonArray)
        {
            string name = isFilter ? "$filter" : "$map";
            throw AggregationErrors.Fail(isFilter ? 28651 : 16883, $"input to {name} must be an array not {AggregationErrors.TypeName(value)}");
        }

        var result = new BsonArray();
        foreach (BsonValue element in value.AsBsonArray)
        {
            context.SetVariable(slot, element);
            BsonValue? computed = body.Evaluate(context);
            if (!isFilter)
            {
                result.Add(computed ?? BsonNull.Value);
            }
            else if (AggregationValues.IsTruthy(computed))
            {
                result.Add(element);
            }
        }

        return result;
    }
}
