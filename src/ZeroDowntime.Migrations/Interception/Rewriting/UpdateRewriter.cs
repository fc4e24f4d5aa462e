using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>
/// Rewrites an update so that, before Completed, every write of a migrating new field is mirrored onto the old one
/// (DESIGN §4): <c>$set</c> through <c>backward</c>, and for a rename every operator; pipeline updates likewise.
/// Before SwitchRead, operators whose result depends on the current value need the new field materialized first
/// (<see cref="UpdatePlan.MaterializeFirst"/>), and upserts seed both fields from the filter's equalities on the new
/// one. In Completed the update is returned unchanged.
/// </summary>
internal static class UpdateRewriter
{
    public static UpdatePlan Rewrite(BsonValue update, BsonDocument originalFilter, bool isUpsert, IReadOnlyList<ActiveMigration> active)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(originalFilter);
        ArgumentNullException.ThrowIfNull(active);
        List<ActiveMigration> mirroring = [.. active.Where(a => a.MirrorsWrites)];
        if (mirroring.Count == 0)
        {
            return new UpdatePlan(update, []);
        }

        return update switch
        {
            BsonArray pipeline => PipelineUpdateRewriter.Rewrite(pipeline, originalFilter, isUpsert, active, mirroring),
            BsonDocument operators when QueryConditions.IsOperatorDocument(operators) =>
                OperatorUpdateRewriter.Rewrite(operators, originalFilter, isUpsert, mirroring),
            _ => throw new ArgumentException(
                "Expected an update operator document or an update pipeline; replacements are written by the migrating serializer.", nameof(update)),
        };
    }

    /// <summary>Converts a value written to the new field into the old shape, refusing when there is no backward conversion.</summary>
    public static BsonValue Backward(ActiveMigration migration, BsonValue value, string operation)
    {
        IFieldMigration m = migration.Migration;
        if (!m.HasBackward)
        {
            throw migration.Refuse(operation,
                $"the migration has no backward conversion, so '{m.OldPath}' cannot be kept in step with '{m.NewPath}' for V1 code and rollback. Give Convert a backward delegate, or wait for Completed.");
        }

        try
        {
            return m.Backward(value);
        }
        catch (Exception e) when (e is not ZeroDowntimeMigrationException)
        {
            throw migration.Refuse(operation, $"converting {value} back into the old shape failed: {e.Message}");
        }
    }

    /// <summary>The top-level equality predicates of a filter (also inside top-level <c>$and</c>), which seed an upsert.</summary>
    public static IEnumerable<(string Path, BsonValue Value)> SeedingEqualities(BsonDocument filter)
    {
        foreach (BsonElement element in filter)
        {
            if (element.Name == "$and" && element.Value is BsonArray clauses)
            {
                foreach (BsonDocument clause in clauses.OfType<BsonDocument>())
                {
                    foreach ((string, BsonValue) equality in SeedingEqualities(clause))
                    {
                        yield return equality;
                    }
                }
            }
            else if (!element.Name.StartsWith('$'))
            {
                BsonValue v = element.Value;
                if (v is BsonDocument { ElementCount: 1 } d && d.GetElement(0).Name == "$eq")
                {
                    v = d[0];
                }
                else if (QueryConditions.IsOperatorDocument(v))
                {
                    continue;
                }

                if (v is not BsonRegularExpression)
                {
                    yield return (element.Name, v);
                }
            }
        }
    }

    /// <summary>A path with a positional <c>$</c> segment, which refers to the array element the filter matched.</summary>
    public static bool IsPositional(string path) =>
        path == "$" || path.StartsWith("$.", StringComparison.Ordinal) || path.Contains(".$.", StringComparison.Ordinal)
        || path.EndsWith(".$", StringComparison.Ordinal);
}
