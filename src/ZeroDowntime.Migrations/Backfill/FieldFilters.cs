using MongoDB.Bson;

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

    /// <summary><c>$expr</c> clause: the old field still holds exactly <paramref name="value"/> (so a concurrent write is never overwritten).</summary>
    public static BsonDocument OldStillEquals(IFieldMigration migration, BsonValue value) =>
        new("$expr", new BsonDocument("$eq", new BsonArray { "$" + migration.OldPath, new BsonDocument("$literal", value) }));

    /// <summary>The forward expression bound to this document's old field (<c>"$$old"</c> → <c>"$&lt;old path&gt;"</c>); null when not expressible.</summary>
    public static BsonValue? BoundForward(IFieldMigration migration) =>
        migration.ForwardExpression is { } expression ? Bind(expression, "$" + migration.OldPath) : null;

    private static BsonValue Bind(BsonValue expression, string oldReference) => expression switch
    {
        BsonString s when s.Value == "$$old" => oldReference,
        BsonString s when s.Value.StartsWith("$$old.", StringComparison.Ordinal) => oldReference + s.Value["$$old".Length..],
        BsonDocument d => new BsonDocument(d.Select(e => new BsonElement(e.Name, e.Name == "$literal" ? e.Value : Bind(e.Value, oldReference)))),
        BsonArray a => new BsonArray(a.Select(v => Bind(v, oldReference))),
        _ => expression,
    };

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
