using EmbeddedMongo.Aggregation.Expressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Stages;

/// <summary><c>$replaceRoot: {newRoot: expr}</c> and <c>$replaceWith: expr</c>: the expression must give a document.</summary>
internal sealed class ReplaceRootStage : PipelineStage
{
    private readonly CompiledExpression newRoot;
    private readonly string label;

    private ReplaceRootStage(CompiledExpression newRoot, string label)
    {
        this.newRoot = newRoot;
        this.label = label;
    }

    public static ReplaceRootStage ParseReplaceRoot(BsonValue specification)
    {
        if (!specification.IsBsonDocument)
        {
            throw AggregationErrors.Fail(40229, $"expected an object as specification for $replaceRoot stage, got {AggregationErrors.TypeName(specification)}");
        }

        BsonValue? expression = null;
        foreach (BsonElement element in specification.AsBsonDocument)
        {
            expression = element.Name == "newRoot"
                ? element.Value
                : throw AggregationErrors.Fail(40415, $"BSON field '$replaceRoot.{element.Name}' is an unknown field.");
        }

        return new ReplaceRootStage(CompiledExpression.Compile(
            expression ?? throw AggregationErrors.Fail(40414, "BSON field '$replaceRoot.newRoot' is missing but a required field")),
            "'newRoot' expression");
    }

    public static ReplaceRootStage ParseReplaceWith(BsonValue specification) =>
        new(CompiledExpression.Compile(specification), "'replacement document'");

    public override IEnumerable<BsonDocument> Execute(IEnumerable<BsonDocument> input, IAggregationSource source)
    {
        foreach (BsonDocument document in input)
        {
            BsonValue? value = newRoot.Evaluate(document);
            yield return value as BsonDocument ?? throw AggregationErrors.Fail(
                40228,
                $"{label}  must evaluate to an object, but resulting value was: {(value is null ? "MISSING" : value.ToString())}. " +
                $"Type of resulting value: '{AggregationErrors.TypeName(value)}'. Input document: {document}");
        }
    }
}
