using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Stages;

/// <summary>Parses one stage document; stages MongoDB has but EmbeddedMongo does not are refused as not supported.</summary>
internal static class StageParser
{
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "$bucket", "$bucketAuto", "$changeStream", "$changeStreamSplitLargeEvent", "$collStats", "$currentOp", "$densify",
        "$documents", "$facet", "$fill", "$geoNear", "$graphLookup", "$indexStats", "$listLocalSessions",
        "$listSampledQueries", "$listSearchIndexes", "$listSessions", "$merge", "$out", "$planCacheStats", "$redact",
        "$sample", "$search", "$searchMeta", "$setWindowFields", "$shardedDataDistribution", "$sortByCount", "$unionWith",
        "$vectorSearch",
    };

    public static PipelineStage Parse(BsonDocument stage)
    {
        if (stage.ElementCount != 1)
        {
            throw AggregationErrors.Fail(40323, "A pipeline stage specification object must contain exactly one field.");
        }

        BsonElement element = stage.GetElement(0);
        BsonValue specification = element.Value;
        return element.Name switch
        {
            "$match" => MatchStage.Parse(specification),
            "$project" => ProjectionStage.ParseProject(specification),
            "$addFields" or "$set" => ProjectionStage.ParseAddFields(element.Name, specification),
            "$unset" => ProjectionStage.ParseUnset(specification),
            "$replaceRoot" => ReplaceRootStage.ParseReplaceRoot(specification),
            "$replaceWith" => ReplaceRootStage.ParseReplaceWith(specification),
            "$sort" => SortStage.Parse(specification),
            "$skip" or "$limit" => SkipLimitStage.Parse(element.Name, specification),
            "$group" => GroupStage.Parse(specification),
            "$count" => CountStage.Parse(specification),
            "$unwind" => UnwindStage.Parse(specification),
            "$lookup" => LookupStage.Parse(specification),
            _ when Unsupported.Contains(element.Name) => throw Errors.MongoCommandException.NotSupported($"The {element.Name} stage"),
            _ => throw AggregationErrors.Fail(40324, $"Unrecognized pipeline stage name: '{element.Name}'"),
        };
    }
}
