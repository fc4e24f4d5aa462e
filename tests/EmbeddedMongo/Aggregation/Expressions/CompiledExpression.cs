using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>An aggregation expression parsed and validated once, evaluated against many documents.</summary>
internal sealed class CompiledExpression
{
    private readonly ExpressionNode root;
    private readonly int variableCount;

    public CompiledExpression(ExpressionNode root, int variableCount)
    {
        this.root = root;
        this.variableCount = variableCount;
    }

    public bool IsConstant => root.IsConstant;

    /// <summary>Parses <paramref name="expression"/>; malformed expressions throw with MongoDB's error code.</summary>
    public static CompiledExpression Compile(BsonValue expression)
    {
        var scope = ExpressionScope.CreateRoot();
        ExpressionNode node = ExpressionCompiler.Compile(expression, scope);
        return new CompiledExpression(node, scope.VariableCount);
    }

    /// <summary>Wraps a node built outside the compiler (find-only projection operators).</summary>
    public static CompiledExpression FromNode(ExpressionNode node) => new(node, 0);

    public BsonValue? Evaluate(BsonDocument document) => root switch
    {
        // The commonest expressions (a constant, a field: $group's _id and accumulator arguments) need no context.
        ConstantNode constant => constant.Value,
        FieldPathNode { RootPath: not null } field => field.EvaluateOnRoot(document),
        _ => root.Evaluate(new EvaluationContext(document, variableCount)),
    };
}
