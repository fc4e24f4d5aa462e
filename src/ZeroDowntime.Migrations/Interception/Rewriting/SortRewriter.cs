using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>
/// Decides whether a sort must run as an aggregation behind <see cref="CoalesceStage"/>: a sort on the new field (or
/// a part of it, or a document containing it) before SwitchRead would otherwise place documents that still hold
/// only the old field as if their value were missing.
/// </summary>
internal static class SortRewriter
{
    /// <summary>True when the sort needs <c>value(d)</c>; refuses when it cannot be computed on the server.</summary>
    public static bool NeedsCoalescing(BsonDocument sort, IReadOnlyList<ActiveMigration> active)
    {
        ArgumentNullException.ThrowIfNull(sort);
        ArgumentNullException.ThrowIfNull(active);
        bool needed = false;
        foreach (ActiveMigration migration in active)
        {
            if (!migration.CoalescesReads)
            {
                continue;
            }

            foreach (string path in sort.Names)
            {
                if (migration.OwnsOldField && FieldPaths.IsRelated(path, migration.OldPath))
                {
                    throw migration.Refuse("$sort", ExpressionRewriter.OldFieldReason(migration.Migration, path));
                }

                if (FieldPaths.IsRelated(path, migration.NewPath))
                {
                    CoalesceStage.Require(migration, "$sort");
                    needed = true;
                }
            }
        }

        return needed;
    }
}
