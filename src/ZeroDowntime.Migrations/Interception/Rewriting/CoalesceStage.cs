using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>
/// The server-side <c>value(d)</c> (DESIGN §4): the new field when present (even null), else the old one converted,
/// else missing. Prepended to pipelines and sorts so later stages see migrated values.
/// </summary>
internal static class CoalesceStage
{
    /// <summary><c>{$set: {&lt;new&gt;: &lt;value(d)&gt;, ...}}</c> for the migrations before SwitchRead; null when there are none.</summary>
    public static BsonDocument? Create(IReadOnlyList<ActiveMigration> active)
    {
        ArgumentNullException.ThrowIfNull(active);
        var set = new BsonDocument();
        foreach (ActiveMigration migration in active)
        {
            if (migration.CoalescesReads)
            {
                set[migration.NewPath] = Require(migration, "aggregation");
            }
        }

        return set.ElementCount == 0 ? null : new BsonDocument("$set", set);
    }

    /// <summary>value(d) as an aggregation expression; throws <see cref="InvalidOperationException"/> when the
    /// conversion cannot run on the server (use <see cref="TryExpression"/> or <see cref="Require"/>).</summary>
    public static BsonValue Expression(IFieldMigration m) =>
        TryExpression(m, out BsonValue? expression)
            ? expression
            : throw new InvalidOperationException($"Migration '{m.Id}' has no forward aggregation expression.");

    /// <summary>value(d), or the refusal of <paramref name="operation"/> naming the migration and phase.</summary>
    public static BsonValue Require(ActiveMigration migration, string operation) =>
        TryExpression(migration.Migration, out BsonValue? expression)
            ? expression
            : throw migration.Refuse(operation, NotExpressibleReason(migration.Migration));

    public static bool TryExpression(IFieldMigration m, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BsonValue? expression)
    {
        ArgumentNullException.ThrowIfNull(m);
        expression = null;
        if (m.Kind == FieldMigrationKind.Derive || m.ForwardExpression is null)
        {
            return false;
        }

        string newField = "$" + m.NewPath;
        string oldField = "$" + m.OldPath;
        BsonValue forward = ForwardExpressions.Bind(m.ForwardExpression, m.OldPath);
        if (m.Kind == FieldMigrationKind.Convert)
        {
            // A missing old value must stay missing; most conversions would turn it into null.
            forward = new BsonDocument("$cond", new BsonArray { IsMissing(oldField), "$$REMOVE", forward });
        }

        expression = new BsonDocument("$cond", new BsonArray { IsMissing(newField), forward, newField });
        return true;
    }

    /// <summary>value(d) of the sub-path <c>new.x</c> of a rename: <c>new.x</c> when new is present, else <c>old.x</c>.</summary>
    public static BsonValue RenamedSubPath(IFieldMigration m, string subPath) =>
        new BsonDocument("$cond", new BsonArray
        {
            IsMissing("$" + m.NewPath),
            "$" + FieldPaths.Rebase(subPath, m.NewPath, m.OldPath),
            "$" + subPath,
        });

    public static string NotExpressibleReason(IFieldMigration m) => m.Kind == FieldMigrationKind.Derive
        ? $"'{m.NewPath}' is derived by a resolver, which cannot run on the server, and documents not yet backfilled would be missed. Wait for SwitchRead, or query a field that is not migrating."
        : $"the conversion of '{m.OldPath}' into '{m.NewPath}' has no forward aggregation expression, so the server cannot compute the new value of documents not yet backfilled. Give Convert a forwardExpression, or wait for SwitchRead.";

    private static BsonDocument IsMissing(string fieldPath) =>
        new("$eq", new BsonArray { new BsonDocument("$type", fieldPath), "missing" });
}
