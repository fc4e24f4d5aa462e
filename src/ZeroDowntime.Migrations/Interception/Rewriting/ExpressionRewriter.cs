using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>
/// Replaces references to a migrating new field in an aggregation expression (<c>"$new"</c>, <c>"$new.x"</c>,
/// <c>"$$ROOT.new"</c>) with <c>value(d)</c>, so the expression sees migrated values.
/// </summary>
internal static class ExpressionRewriter
{
    /// <summary>Rewrites <paramref name="expression"/> for the migrations that coalesce reads (the others are ignored).</summary>
    public static BsonValue Rewrite(BsonValue expression, IReadOnlyList<ActiveMigration> active, string operation)
    {
        ArgumentNullException.ThrowIfNull(expression);
        List<ActiveMigration> coalescing = [.. active.Where(a => a.CoalescesReads)];
        return coalescing.Count == 0 ? expression : Walk(expression, coalescing, operation);
    }

    /// <summary>Whether the expression refers to a field related to the migration's new (or managed old) field.</summary>
    public static bool References(BsonValue expression, ActiveMigration migration) => expression switch
    {
        BsonString s => FieldPathOf(s.Value) is { } path
            ? FieldPaths.IsRelated(path, migration.NewPath) || (migration.OwnsOldField && FieldPaths.IsRelated(path, migration.OldPath))
            : IsWholeDocument(s.Value),
        BsonArray array => array.Any(v => References(v, migration)),
        BsonDocument document => document.Any(e => e.Name != "$literal" && References(e.Value, migration)),
        _ => false,
    };

    private static BsonValue Walk(BsonValue value, List<ActiveMigration> coalescing, string operation)
    {
        switch (value)
        {
            case BsonString s:
                return RewriteString(s, coalescing, operation);
            case BsonArray array:
                return new BsonArray(array.Select(v => Walk(v, coalescing, operation)));
            case BsonDocument document:
                var result = new BsonDocument();
                foreach (BsonElement element in document)
                {
                    result.Add(element.Name, element.Name == "$literal" ? element.Value : Walk(element.Value, coalescing, operation));
                }

                return result;
            default:
                return value;
        }
    }

    private static BsonValue RewriteString(BsonString s, List<ActiveMigration> coalescing, string operation)
    {
        if (IsWholeDocument(s.Value))
        {
            throw coalescing[0].Refuse(operation,
                $"'{s.Value}' hands out the stored document, whose '{coalescing[0].NewPath}' is not migrated yet. Name the fields instead.");
        }

        if (FieldPathOf(s.Value) is not { } path)
        {
            return s;
        }

        foreach (ActiveMigration migration in coalescing)
        {
            IFieldMigration m = migration.Migration;
            if (migration.OwnsOldField && FieldPaths.IsRelated(path, m.OldPath))
            {
                throw migration.Refuse(operation, OldFieldReason(m, path));
            }

            switch (FieldPaths.Relate(path, m.NewPath))
            {
                case PathRelation.Same:
                    return CoalesceStage.Require(migration, operation);
                case PathRelation.Descendant when m.Kind == FieldMigrationKind.Rename:
                    return CoalesceStage.RenamedSubPath(m, path);
                case PathRelation.Descendant:
                    CoalesceStage.Require(migration, operation);
                    throw migration.Refuse(operation, $"'${path}' reads inside a converted value; reference '${m.NewPath}' as a whole.");
                case PathRelation.Ancestor:
                    throw migration.Refuse(operation, $"'${path}' is an embedded document containing the migrating field '{m.NewPath}'; reference the field itself.");
                case PathRelation.None:
                default:
                    break;
            }
        }

        return s;
    }

    /// <summary>The document-relative field path of a <c>"$a.b"</c> or <c>"$$ROOT.a.b"</c> string; null otherwise.</summary>
    private static string? FieldPathOf(string value)
    {
        foreach (string root in (ReadOnlySpan<string>)["$$ROOT.", "$$CURRENT."])
        {
            if (value.StartsWith(root, StringComparison.Ordinal))
            {
                return value[root.Length..];
            }
        }

        return value.Length > 1 && value[0] == '$' && value[1] != '$' ? value[1..] : null;
    }

    private static bool IsWholeDocument(string value) => value is "$$ROOT" or "$$CURRENT";

    public static string OldFieldReason(IFieldMigration m, string path) =>
        $"'{path}' names the old field '{m.OldPath}', which the migration manages; V2 code reads and writes '{m.NewPath}' only.";
}
