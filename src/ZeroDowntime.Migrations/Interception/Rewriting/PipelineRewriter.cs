using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>
/// Prepends <see cref="CoalesceStage"/> to an aggregation pipeline that reads a migrating new field before SwitchRead,
/// so every later stage sees <c>value(d)</c>. Stages that must come first cannot be preceded by it and are refused.
/// </summary>
internal static class PipelineRewriter
{
    private static readonly HashSet<string> FirstStages =
    [
        "$geoNear", "$search", "$searchMeta", "$vectorSearch", "$rankFusion", "$scoreFusion", "$changeStream",
        "$changeStreamSplitLargeEvent", "$collStats", "$indexStats", "$documents", "$currentOp", "$listLocalSessions",
        "$listSessions", "$listSearchIndexes", "$listSampledQueries", "$planCacheStats", "$querySettings",
        "$shardedDataDistribution", "$listClusterCatalog",
    ];

    public static List<BsonDocument> Rewrite(IReadOnlyList<BsonDocument> stages, IReadOnlyList<ActiveMigration> active)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(active);
        List<ActiveMigration> referenced = [.. active.Where(a => a.CoalescesReads && References(stages, a))];
        if (referenced.Count == 0)
        {
            return [.. stages];
        }

        if (stages.Count > 0 && stages[0].ElementCount > 0 && FirstStages.Contains(stages[0].GetElement(0).Name))
        {
            string stage = stages[0].GetElement(0).Name;
            throw referenced[0].Refuse(stage,
                $"{stage} must be the first stage, so the stage computing '{referenced[0].NewPath}' for documents not yet backfilled cannot run before it.");
        }

        BsonDocument coalesce = CoalesceStage.Create(referenced)!;
        return [coalesce, .. stages];
    }

    /// <summary>
    /// Whether any stage may read the migration's new field: a key or field path whose segments include the field's
    /// first segment, or a reference to the whole document. Over-approximates: a false positive only costs a stage.
    /// </summary>
    private static bool References(IReadOnlyList<BsonDocument> stages, ActiveMigration migration)
    {
        string root = FieldPaths.Root(migration.NewPath);
        return stages.Any(stage => Mentions(stage, root));
    }

    private static bool Mentions(BsonValue value, string root) => value switch
    {
        BsonString s => s.Value is "$$ROOT" or "$$CURRENT" || HasSegment(s.Value, root),
        BsonArray array => array.Any(v => Mentions(v, root)),
        BsonDocument document => document.Any(e => HasSegment(e.Name, root) || (e.Name != "$literal" && Mentions(e.Value, root))),
        _ => false,
    };

    private static bool HasSegment(string path, string root) =>
        path.TrimStart('$').Split('.').Contains(root, StringComparer.Ordinal);
}
