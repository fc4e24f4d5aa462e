using EmbeddedMongo.Aggregation;
using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>
/// An aggregation pipeline used as an update (<c>[{$set: ...}, {$unset: ...}]</c>). Only the stages that
/// reshape one document are allowed; the result replaces the document, keeping its _id when it has none.
/// </summary>
internal sealed class PipelineUpdate : IUpdateExecutor
{
    private static readonly HashSet<string> AllowedStages = new(StringComparer.Ordinal)
    {
        "$addFields", "$set", "$project", "$unset", "$replaceRoot", "$replaceWith",
    };

    private static readonly HashSet<string> OtherStages = new(StringComparer.Ordinal)
    {
        "$match", "$group", "$sort", "$limit", "$skip", "$lookup", "$unwind", "$count", "$facet", "$bucket",
        "$bucketAuto", "$sample", "$out", "$merge", "$geoNear", "$graphLookup", "$sortByCount", "$redact",
        "$densify", "$setWindowFields", "$unionWith", "$collStats", "$indexStats", "$documents", "$changeStream",
        "$currentOp", "$listSessions", "$listLocalSessions", "$planCacheStats", "$search", "$searchMeta",
        "$vectorSearch", "$listSearchIndexes",
    };

    private readonly AggregationPipeline pipeline;

    private PipelineUpdate(AggregationPipeline pipeline)
    {
        this.pipeline = pipeline;
    }

    public static PipelineUpdate Parse(BsonArray stages)
    {
        var documents = new List<BsonDocument>(stages.Count);
        foreach (BsonValue stage in stages)
        {
            if (stage is not BsonDocument document)
            {
                throw MongoCommandException.TypeMismatch("Each element of the 'pipeline' array must be an object");
            }

            if (document.ElementCount != 1)
            {
                throw new MongoCommandException((ErrorCode)40323, "A pipeline stage specification object must contain exactly one field.");
            }

            string name = document.GetElement(0).Name;
            if (name == "$fill")
            {
                throw MongoCommandException.NotSupported("The $fill stage in an update pipeline");
            }

            if (OtherStages.Contains(name))
            {
                throw new MongoCommandException(ErrorCode.InvalidOptions, $"{name} is not allowed to be used within an update");
            }

            if (!AllowedStages.Contains(name))
            {
                throw new MongoCommandException((ErrorCode)40324, $"Unrecognized pipeline stage name: '{name}'");
            }

            documents.Add(document);
        }

        return new PipelineUpdate(AggregationPipeline.Parse(documents));
    }

    public UpdateOutcome Apply(BsonDocument original, bool isUpsertInsert)
    {
        var input = (BsonDocument)original.DeepClone();
        BsonDocument transformed = pipeline.Execute([input], PipelineUpdateSource.Instance).FirstOrDefault()
            ?? throw new MongoCommandException(ErrorCode.InternalError, "The update pipeline produced no document.");

        var document = new BsonDocument();
        if (!transformed.Contains("_id") && original.TryGetValue("_id", out BsonValue id))
        {
            document.Add("_id", id.DeepClone());
        }

        foreach (BsonElement element in transformed)
        {
            document.Add(element.Name, element.Value.DeepClone());
        }

        ImmutableId.CheckReplaced(original, document);
        return new UpdateOutcome(document, !ExactEquality.Equal(original, transformed));
    }
}
