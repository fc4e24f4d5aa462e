using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary><c>$switch: {branches: [{case, then}], default}</c>.</summary>
internal sealed class SwitchNode : ExpressionNode
{
    private readonly (ExpressionNode Case, ExpressionNode Then)[] branches;
    private readonly ExpressionNode? otherwise;

    private SwitchNode((ExpressionNode, ExpressionNode)[] branches, ExpressionNode? otherwise)
    {
        this.branches = branches;
        this.otherwise = otherwise;
    }

    public static ExpressionNode Parse(string name, BsonValue argument, ExpressionScope scope)
    {
        if (!argument.IsBsonDocument)
        {
            throw AggregationErrors.Fail(40060, $"$switch requires an object as an argument, found: {AggregationErrors.TypeName(argument)}");
        }

        var branches = new List<(ExpressionNode, ExpressionNode)>();
        ExpressionNode? otherwise = null;
        foreach (BsonElement element in argument.AsBsonDocument)
        {
            if (element.Name == "default")
            {
                otherwise = ExpressionCompiler.Compile(element.Value, scope);
            }
            else if (element.Name == "branches")
            {
                if (!element.Value.IsBsonArray)
                {
                    throw AggregationErrors.Fail(40061, $"$switch expected an array for 'branches', found: {AggregationErrors.TypeName(element.Value)}");
                }

                foreach (BsonValue branch in element.Value.AsBsonArray)
                {
                    branches.Add(ParseBranch(branch, scope));
                }
            }
            else
            {
                throw AggregationErrors.Fail(40067, $"$switch found an unknown argument: {element.Name}");
            }
        }

        if (branches.Count == 0)
        {
            throw AggregationErrors.Fail(40068, "$switch requires at least one branch.");
        }

        return new SwitchNode(branches.ToArray(), otherwise);
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        foreach ((ExpressionNode condition, ExpressionNode then) in branches)
        {
            if (AggregationValues.IsTruthy(condition.Evaluate(context)))
            {
                return then.Evaluate(context);
            }
        }

        return otherwise is not null
            ? otherwise.Evaluate(context)
            : throw AggregationErrors.Fail(40066, "$switch could not find a matching branch for an input, and no default was specified.");
    }

    private static (ExpressionNode, ExpressionNode) ParseBranch(BsonValue branch, ExpressionScope scope)
    {
        if (!branch.IsBsonDocument)
        {
            throw AggregationErrors.Fail(40062, $"$switch expected each branch to be an object, found: {AggregationErrors.TypeName(branch)}");
        }

        ExpressionNode? condition = null, then = null;
        foreach (BsonElement element in branch.AsBsonDocument)
        {
            switch (element.Name)
            {
                case "case":
                    condition = ExpressionCompiler.Compile(element.Value, scope);
                    break;
                case "then":
                    then = ExpressionCompiler.Compile(element.Value, scope);
                    break;
                default:
                    throw AggregationErrors.Fail(40063, $"$switch found an unknown argument to a branch: {element.Name}");
            }
        }

        return (condition ?? throw AggregationErrors.Fail(40064, "$switch requires each branch have a 'case' expression"),
            then ?? throw AggregationErrors.Fail(40065, "$switch requires each branch have a 'then' expression."));
    }
}
