using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>
/// Rewrites a find projection before SwitchRead: including (or excluding) the new field, a part of it or a document
/// containing it also includes (or excludes) the old field, so the serializer can coalesce the value client-side;
/// computed fields referencing the new field get <c>value(d)</c>. From SwitchRead on, projections are unchanged.
/// </summary>
internal static class ProjectionRewriter
{
    public static BsonDocument Rewrite(BsonDocument projection, IReadOnlyList<ActiveMigration> active)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(active);
        List<ActiveMigration> coalescing = [.. active.Where(a => a.CoalescesReads)];
        if (coalescing.Count == 0 || projection.ElementCount == 0)
        {
            return projection;
        }

        var result = new BsonDocument();
        var mirrors = new List<BsonElement>();
        bool changed = false;
        foreach (BsonElement element in Flatten(projection))
        {
            if (IsExpression(element.Value))
            {
                BsonValue rewritten = ExpressionRewriter.Rewrite(element.Value, coalescing, "projection of '" + element.Name + "'");
                changed |= !ReferenceEquals(rewritten, element.Value) && !rewritten.Equals(element.Value);
                RefuseOldField(element.Name, coalescing);
                result.Add(element.Name, rewritten);
                continue;
            }

            result.Add(element);
            foreach (ActiveMigration migration in coalescing)
            {
                if (Mirror(element, migration) is { } mirror)
                {
                    mirrors.Add(mirror);
                }
            }
        }

        foreach (BsonElement mirror in mirrors)
        {
            if (!result.Names.Any(name => FieldPaths.IsRelated(name, mirror.Name)))
            {
                result.Add(mirror);
                changed = true;
            }
        }

        return changed || mirrors.Count > 0 ? result : projection;
    }

    /// <summary>The projection of the old field that goes with an inclusion, exclusion or operator on <paramref name="element"/>.</summary>
    private static BsonElement? Mirror(BsonElement element, ActiveMigration migration)
    {
        IFieldMigration m = migration.Migration;
        string path = element.Name;
        string operation = "projection of '" + path + "'";
        if (migration.OwnsOldField && FieldPaths.IsRelated(path, m.OldPath))
        {
            throw migration.Refuse(operation, ExpressionRewriter.OldFieldReason(m, path));
        }

        PathRelation relation = FieldPaths.Relate(path, m.NewPath);
        if (relation == PathRelation.None || m.Kind == FieldMigrationKind.Derive)
        {
            // A derived value cannot be computed from the stored document; the serializer returns what is stored.
            return null;
        }

        if (path.EndsWith(".$", StringComparison.Ordinal))
        {
            throw migration.Refuse("$ (positional projection)",
                $"the positional projection of '{path}' depends on which of '{m.NewPath}' and '{m.OldPath}' the rewritten filter matched. Use $elemMatch.");
        }

        bool isOperator = element.Value is BsonDocument;
        return relation switch
        {
            PathRelation.Ancestor => new BsonElement(m.OldPath, element.Value),
            _ when m.Kind == FieldMigrationKind.Rename => new BsonElement(FieldPaths.Rebase(path, m.NewPath, m.OldPath), element.Value),
            PathRelation.Same when !isOperator => new BsonElement(m.OldPath, element.Value),
            _ => throw migration.Refuse(isOperator ? element.Value.AsBsonDocument.GetElement(0).Name : operation,
                $"projecting part of the converted field '{m.NewPath}' cannot be mapped onto '{m.OldPath}'. Project '{m.NewPath}' whole."),
        };
    }

    private static void RefuseOldField(string path, List<ActiveMigration> coalescing)
    {
        foreach (ActiveMigration migration in coalescing)
        {
            if (migration.OwnsOldField && FieldPaths.IsRelated(path, migration.OldPath))
            {
                throw migration.Refuse("projection of '" + path + "'", ExpressionRewriter.OldFieldReason(migration.Migration, path));
            }
        }
    }

    /// <summary>Inclusion flags and projection operators (<c>$slice</c>, <c>$elemMatch</c>) are not expressions.</summary>
    private static bool IsExpression(BsonValue value) => value switch
    {
        BsonBoolean => false,
        _ when value.IsNumeric => false,
        BsonDocument { ElementCount: 1 } d when d.GetElement(0).Name is "$slice" or "$elemMatch" => false,
        _ => true,
    };

    /// <summary>Nested projections (<c>{a: {b: 1}}</c>) as the equivalent dotted paths (<c>{"a.b": 1}</c>).</summary>
    private static IEnumerable<BsonElement> Flatten(BsonDocument projection, string prefix = "")
    {
        foreach (BsonElement element in projection)
        {
            if (element.Value is BsonDocument { ElementCount: > 0 } nested && !nested.GetElement(0).Name.StartsWith('$'))
            {
                foreach (BsonElement inner in Flatten(nested, prefix + element.Name + "."))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return new BsonElement(prefix + element.Name, element.Value);
            }
        }
    }
}
