using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>Turns the BSON form of an aggregation expression into a tree of <see cref="ExpressionNode"/>s.</summary>
internal static class ExpressionCompiler
{
    private static readonly EvaluationContext FoldingContext = new(new BsonDocument(), 0);

    public static ExpressionNode Compile(BsonValue expression, ExpressionScope scope)
    {
        switch (expression.BsonType)
        {
            case BsonType.String when expression.AsString.StartsWith('$'):
                return FieldPathNode.Parse(expression.AsString, scope);
            case BsonType.Document:
                return CompileDocument(expression.AsBsonDocument, scope);
            case BsonType.Array:
                ExpressionNode[] elements = expression.AsBsonArray.Select(element => Compile(element, scope)).ToArray();
                var array = new ArrayExpressionNode(elements);
                return elements.All(element => element.IsConstant) ? Fold(array) : array;
            default:
                return new ConstantNode(expression);
        }
    }

    /// <summary>Operator arguments: an array is the list of arguments, anything else is the only argument.</summary>
    public static ExpressionNode[] CompileArguments(BsonValue argument, ExpressionScope scope) =>
        argument.IsBsonArray
            ? argument.AsBsonArray.Select(element => Compile(element, scope)).ToArray()
            : [Compile(argument, scope)];

    public static ExpressionNode[] CompileExactly(string name, BsonValue argument, ExpressionScope scope, int count)
    {
        ExpressionNode[] arguments = CompileArguments(argument, scope);
        if (arguments.Length != count)
        {
            throw AggregationErrors.WrongArity(name, count, arguments.Length);
        }

        return arguments;
    }

    private static ExpressionNode CompileDocument(BsonDocument document, ExpressionScope scope)
    {
        if (document.ElementCount == 0)
        {
            return new ConstantNode(new BsonDocument());
        }

        string first = document.GetElement(0).Name;
        if (first.StartsWith('$'))
        {
            if (document.ElementCount != 1)
            {
                throw AggregationErrors.Fail(15983, $"An object representing an expression must have exactly one field: {document}");
            }

            return OperatorRegistry.Parse(first, document[0], scope);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var fields = new (string, ExpressionNode)[document.ElementCount];
        bool allConstant = true;
        for (int i = 0; i < document.ElementCount; i++)
        {
            BsonElement element = document.GetElement(i);
            FieldPaths.ValidateFieldName(element.Name);
            if (!names.Add(element.Name))
            {
                throw AggregationErrors.Fail(16406, $"duplicate field name specified in object literal: {document}");
            }

            ExpressionNode node = Compile(element.Value, scope);
            allConstant &= node.IsConstant;
            fields[i] = (element.Name, node);
        }

        var result = new DocumentExpressionNode(fields);
        return allConstant ? Fold(result) : result;
    }

    // Only literal-only documents and arrays are folded: evaluating them can never fail.
    private static ConstantNode Fold(ExpressionNode node) => new(node.Evaluate(FoldingContext));
}
