using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>The state of one evaluation: the root document and the slots of the variables bound by <c>$let</c>, <c>$map</c>...</summary>
internal sealed class EvaluationContext
{
    private static readonly BsonValue?[] NoVariables = [];
    private readonly BsonValue?[] variables;
    private BsonDateTime? now;

    public EvaluationContext(BsonDocument root, int variableCount)
    {
        Root = root;
        variables = variableCount == 0 ? NoVariables : new BsonValue?[variableCount];
    }

    public BsonDocument Root { get; }

    /// <summary><c>$$NOW</c>: one instant for the whole evaluation, as MongoDB keeps it for a whole command.</summary>
    public BsonDateTime Now => now ??= new BsonDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    public BsonValue? GetVariable(int slot) => variables[slot];

    public void SetVariable(int slot, BsonValue? value) => variables[slot] = value;
}
