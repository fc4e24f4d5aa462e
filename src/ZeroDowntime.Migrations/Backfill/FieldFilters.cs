using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>The filters and expressions the jobs and the verifier build from a migration's paths.</summary>
internal static class FieldFilters
{
    /// <summary>Documents still to convert: the old field present, the new one missing.</summary>
    public static BsonDocument Unconverted(IFieldMigration migration) => new()
    {
        { migration.OldPath, new BsonDocument("$exists", true) },
        { migration.NewPath, new BsonDocument("$exists", false) },
    };

    /// <summary>Documents carrying both fields (candidates for drift checks and cleanup).</summary>
    public static BsonDocument BothPresent(IFieldMigration migration) => new()
    {
        { migration.OldPath, new BsonDocument("$exists", true) },
        { migration.NewPath, new BsonDocument("$exists", true) },
    };

    /// <summary>
    /// The old field still holds exactly <paramref name="value"/> (so a concurrent write is never overwritten). A plain
    /// <c>$eq</c> is exact except for arrays (it also matches an array holding the value as an element), null (it also
    /// matches a missing field) and dotted paths (an array on the way matches any element); those take the slower
    /// <c>$expr</c> form.
    /// </summary>
    public static BsonDocument OldStillEquals(IFieldMigration migration, BsonValue value) => value is BsonArray or BsonNull || migration.OldPath.Contains('.', StringComparison.Ordinal)
        ? new("$expr", new BsonDocument("$eq", new BsonArray { "$" + migration.OldPath, new BsonDocument("$literal", value) }))
        : new(migration.OldPath, new BsonDocument("$eq", value));

    /// <summary>The forward expression bound to this document's old field (<c>"$$old"</c> → <c>"$&lt;old path&gt;"</c>); null when not expressible.</summary>
    public static BsonValue? BoundForward(IFieldMigration migration) =>
        migration.ForwardExpression is { } expression ? ForwardExpressions.Bind(expression, migration.OldPath) : null;

    /// <summary>The pipeline update that sets the new field to forward(old) from each document's own fields; null when not expressible.</summary>
    public static PipelineUpdateDefinition<BsonDocument>? ForwardUpdate(IFieldMigration migration) =>
        BoundForward(migration) is { } forward
            ? new PipelineUpdateDefinition<BsonDocument>(new BsonDocument[] { new("$set", new BsonDocument(migration.NewPath, forward)) })
            : null;

    /// <summary>The value at a dotted path of a document read from the server (embedded documents only).</summary>
    public static BsonValue? ValueAt(BsonDocument document, string path)
    {
        BsonValue current = document;
        foreach (string part in path.Split('.'))
        {
            if (current is not BsonDocument d || !d.TryGetValue(part, out current!))
            {
                return null;
            }
        }

        return current;
    }
}
