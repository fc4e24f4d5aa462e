using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>
/// Rewrites a query filter so that, before SwitchRead, it matches exactly the documents it would match if the new field
/// of every document held <c>value(d)</c> (DESIGN §4). Predicates on other fields stay where they are, so the
/// server still seeds upserts from their equalities. From SwitchRead on, filters are returned unchanged.
/// </summary>
internal static class FilterRewriter
{
    public static BsonDocument Rewrite(BsonDocument filter, IReadOnlyList<ActiveMigration> active)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(active);
        List<ActiveMigration> coalescing = [.. active.Where(a => a.CoalescesReads)];
        return coalescing.Count == 0 ? filter : RewriteDocument(filter, coalescing);
    }

    private static BsonDocument RewriteDocument(BsonDocument filter, List<ActiveMigration> coalescing)
    {
        var result = new BsonDocument();
        var clauses = new List<BsonDocument>();
        foreach (BsonElement element in filter)
        {
            switch (element.Name)
            {
                case "$and" or "$or" or "$nor" when element.Value is BsonArray list:
                    result.Add(element.Name, new BsonArray(list.Select(c => c is BsonDocument d ? RewriteDocument(d, coalescing) : c)));
                    break;
                case "$expr":
                    result.Add(element.Name, ExpressionRewriter.Rewrite(element.Value, coalescing, "$expr"));
                    break;
                case "$where" or "$jsonSchema":
                    RefuseIfMentioned(element, coalescing);
                    result.Add(element);
                    break;
                case var name when name.StartsWith('$'):
                    result.Add(element);
                    break;
                default:
                    if (Find(element.Name, coalescing) is { } migration)
                    {
                        clauses.Add(FieldPredicateRewriter.Rewrite(element.Name, element.Value, migration));
                    }
                    else
                    {
                        result.Add(element);
                    }

                    break;
            }
        }

        return Merge(result, clauses);
    }

    /// <summary>The migration whose new field the path reads; refuses paths naming a managed old field.</summary>
    private static ActiveMigration? Find(string path, List<ActiveMigration> coalescing)
    {
        foreach (ActiveMigration migration in coalescing)
        {
            if (migration.OwnsOldField && FieldPaths.IsRelated(path, migration.OldPath))
            {
                throw migration.Refuse("filter on '" + path + "'", ExpressionRewriter.OldFieldReason(migration.Migration, path));
            }

            if (FieldPaths.IsRelated(path, migration.NewPath))
            {
                return migration;
            }
        }

        return null;
    }

    /// <summary>A single rewritten predicate becomes a top-level <c>$or</c> when that key is free; more go into <c>$and</c>.</summary>
    private static BsonDocument Merge(BsonDocument result, List<BsonDocument> clauses)
    {
        if (clauses.Count == 1 && clauses[0].ElementCount == 1 && !result.Contains(clauses[0].GetElement(0).Name))
        {
            result.Add(clauses[0].GetElement(0));
            return result;
        }

        if (clauses.Count > 0)
        {
            BsonArray and = result.TryGetValue("$and", out BsonValue? existing) && existing is BsonArray list ? list : [];
            and.AddRange(clauses);
            result["$and"] = and;
        }

        return result;
    }

    private static void RefuseIfMentioned(BsonElement element, List<ActiveMigration> coalescing)
    {
        string text = element.Value.ToString() ?? "";
        foreach (ActiveMigration migration in coalescing)
        {
            if (text.Contains(FieldPaths.Root(migration.NewPath), StringComparison.Ordinal))
            {
                throw migration.Refuse(element.Name,
                    $"{element.Name} may read '{migration.NewPath}', which the library cannot rewrite inside it. Use query operators or $expr.");
            }
        }
    }
}
