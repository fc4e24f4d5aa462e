using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>An update made of operators (<c>{$set: {...}, $inc: {...}}</c>).</summary>
internal sealed class OperatorUpdate : IUpdateExecutor
{
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal)
    {
        "$set", "$setOnInsert", "$unset", "$inc", "$mul", "$min", "$max", "$rename", "$currentDate",
        "$push", "$addToSet", "$pull", "$pullAll", "$pop", "$bit",
    };

    private readonly ObjectUpdateNode root;
    private readonly ArrayFilterSet arrayFilters;

    private OperatorUpdate(ObjectUpdateNode root, ArrayFilterSet arrayFilters)
    {
        this.root = root;
        this.arrayFilters = arrayFilters;
    }

    public static OperatorUpdate Parse(BsonDocument update, ArrayFilterSet arrayFilters)
    {
        var builder = new UpdateTreeBuilder(arrayFilters);
        foreach (BsonElement modifier in update)
        {
            if (!Operators.Contains(modifier.Name))
            {
                throw MongoCommandException.FailedToParse(
                    $"Unknown modifier: {modifier.Name}. Expected a valid update modifier or pipeline-style update specified as an array");
            }

            if (modifier.Value is not BsonDocument fields)
            {
                throw MongoCommandException.FailedToParse(
                    $"Modifiers operate on fields but we found type {UpdateMessages.TypeName(modifier.Value)} instead. For example: {{$mod: {{<field>: ...}}}} not {{{UpdateMessages.Element(modifier.Name, modifier.Value)}}}");
            }

            foreach (BsonElement field in fields)
            {
                builder.Add(modifier.Name, field);
            }
        }

        foreach (string identifier in arrayFilters.Identifiers)
        {
            if (!builder.UsedIdentifiers.Contains(identifier))
            {
                throw MongoCommandException.FailedToParse(
                    $"The array filter for identifier '{identifier}' was not used in the update {UpdateMessages.Value(update)}");
            }
        }

        return new OperatorUpdate(builder.Root, arrayFilters);
    }

    public UpdateOutcome Apply(BsonDocument original, bool isUpsertInsert)
    {
        var document = (BsonDocument)original.DeepClone();
        var context = new ApplyContext(document, isUpsertInsert, arrayFilters);
        root.Apply(context, ElementRef.Root(document), [], []);

        // Any write that leaves _id exactly as it was is allowed (a no-op $set, an $inc by 0).
        if (original.TryGetValue("_id", out BsonValue id)
            && !(document.TryGetValue("_id", out BsonValue newId) && ExactEquality.Equal(id, newId)))
        {
            throw new MongoCommandException(
                ErrorCode.ImmutableField,
                $"Performing an update on the path '{context.IdPath ?? "_id"}' would modify the immutable field '_id'");
        }

        return new UpdateOutcome(document, !ExactEquality.Equal(original, document));
    }
}
