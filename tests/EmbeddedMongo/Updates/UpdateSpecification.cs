using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>
/// A parsed update: an operator document, a replacement document or a pipeline, validated once by
/// <see cref="Parse"/> and then applied to each matched document.
/// </summary>
internal sealed class UpdateSpecification
{
    private const ErrorCode InvalidIdField = (ErrorCode)53;
    private const ErrorCode NotSingleValueField = (ErrorCode)54;

    private readonly IUpdateExecutor executor;

    private UpdateSpecification(IUpdateExecutor executor, bool isReplacement)
    {
        this.executor = executor;
        IsReplacement = isReplacement;
    }

    /// <summary>True for a replacement document (a multi-document update must refuse it).</summary>
    public bool IsReplacement { get; }

    /// <summary>Parses <paramref name="update"/>; malformed updates throw <see cref="MongoCommandException"/>.</summary>
    public static UpdateSpecification Parse(BsonValue update, BsonArray? arrayFilters)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update is BsonArray stages)
        {
            if (arrayFilters is { Count: > 0 })
            {
                throw MongoCommandException.FailedToParse("arrayFilters may not be specified for pipeline-style updates");
            }

            return new UpdateSpecification(PipelineUpdate.Parse(stages), isReplacement: false);
        }

        if (update is not BsonDocument document)
        {
            throw MongoCommandException.FailedToParse("Update argument must be either an object or an array");
        }

        ArrayFilterSet filters = ArrayFilterSet.Parse(arrayFilters);
        return document.ElementCount > 0 && document.GetElement(0).Name.StartsWith('$')
            ? new UpdateSpecification(OperatorUpdate.Parse(document, filters), isReplacement: false)
            : new UpdateSpecification(new ReplacementUpdate(document), isReplacement: true);
    }

    /// <summary>
    /// Applies the update to a copy of <paramref name="original"/> (never modified). <paramref name="isUpsertInsert"/>
    /// makes <c>$setOnInsert</c> apply.
    /// </summary>
    public UpdateOutcome Apply(BsonDocument original, bool isUpsertInsert)
    {
        ArgumentNullException.ThrowIfNull(original);
        return executor.Apply(original, isUpsertInsert);
    }

    /// <summary>
    /// The document an upsert inserts: the filter's equality predicates (only _id for a replacement), then the
    /// update applied as an insert. _id comes first when present; the caller generates one when it is missing.
    /// </summary>
    public BsonDocument BuildUpsert(BsonDocument filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        BsonDocument seed = UpsertSeed.Build(filter, idOnly: IsReplacement);
        BsonDocument document = executor.Apply(seed, isUpsertInsert: true).Document;
        if (!document.TryGetValue("_id", out BsonValue id))
        {
            return document;
        }

        if (id is BsonArray)
        {
            throw new MongoCommandException(
                NotSingleValueField, "After applying the update to the document, the field '_id' was found to be an array or array descendant.");
        }

        if (id is BsonRegularExpression or BsonUndefined)
        {
            throw new MongoCommandException(InvalidIdField, $"The '_id' value cannot be of type {UpdateMessages.TypeName(id)}");
        }

        if (document.IndexOfName("_id") > 0)
        {
            document.Remove("_id");
            document.InsertAt(0, new BsonElement("_id", id));
        }

        return document;
    }
}
