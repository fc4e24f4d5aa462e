using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$let: {vars: {name: expr}, in: expr}</c>.</summary>
internal sealed class LetNode : ExpressionNode
{
    private readonly (int Slot, ExpressionNode Value)[] variables;
    private readonly ExpressionNode body;

    private LetNode((int, ExpressionNode)[] variables, ExpressionNode body)
    {
        this.variables = variables;
        this.body = body;
    }

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope)
    {
        if (!argument.IsBsonDocument)
        {
            throw AggregationErrors.Fail(16874, "$let only supports an object as its argument");
        }

        BsonValue? vars = null, body = null;
        foreach (BsonElement element in argument.AsBsonDocument)
        {
            switch (element.Name)
            {
                case "vars":
                    vars = element.Value;
                    break;
                case "in":
                    body = element.Value;
                    break;
                default:
                    throw AggregationErrors.Fail(16875, $"Unrecognized parameter to $let: {element.Name}");
            }
        }

        if (vars is null)
        {
            throw AggregationErrors.Fail(16876, "Missing 'vars' parameter to $let");
        }

        if (body is null)
        {
            throw AggregationErrors.Fail(16877, "Missing 'in' parameter to $let");
        }

        if (!vars.IsBsonDocument)
        {
            throw AggregationErrors.Fail(10065, $"invalid parameter: expected an object (vars)");
        }

        // The values see only the outer variables; the body sees the new ones too.
        var values = vars.AsBsonDocument.Select(element => (element.Name, ExpressionCompiler.Compile(element.Value, scope))).ToList();
        ExpressionScope inner = scope.CreateChild();
        var bound = new (int, ExpressionNode)[values.Count];
        for (int i = 0; i < values.Count; i++)
        {
            VariableNames.ValidateForWrite(values[i].Name);
            bound[i] = (inner.Define(values[i].Name), values[i].Item2);
        }

        return new LetNode(bound, ExpressionCompiler.Compile(body, inner));
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        var computed = new BsonValue?[variables.Length];
        for (int i = 0; i < variables.Length; i++)
        {
            computed[i] = variables[i].Value.Evaluate(context);
        }

        for (int i = 0; i < variables.Length; i++)
        {
            context.SetVariable(variables[i].Slot, computed[i]);
        }

        return body.Evaluate(context);
    }
}
