using MongoDB.Bson;

namespace ZeroDowntime.Migrations;

/// <summary>The rules every descriptor must satisfy at registration (DESIGN §3).</summary>
internal static class DescriptorValidator
{
    /// <summary>Checks the builder; returns the new element path resolved through the class map.</summary>
    public static string Validate<TDocument>(FieldMigrationBuilder<TDocument> builder)
    {
        string id = builder.Id;
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new MigrationValidationException(id, "the id must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(builder.CollectionName))
        {
            throw new MigrationValidationException(id, "no collection: call InCollection(name).");
        }

        if (builder.CollectionName.Contains('$', StringComparison.Ordinal) || builder.CollectionName.StartsWith("system.", StringComparison.Ordinal))
        {
            throw new MigrationValidationException(id, $"the collection name '{builder.CollectionName}' is not a valid collection name.");
        }

        if (builder.KindCount == 0)
        {
            throw new MigrationValidationException(id, "no field change: call one of Rename, Convert or Derive.");
        }

        if (builder.KindCount > 1)
        {
            throw new MigrationValidationException(id, "one migration changes one field: call only one of Rename, Convert or Derive (write two migrations for two fields).");
        }

        CheckPath(id, "old", builder.OldPath);
        string newPath = ElementPaths.Resolve(id, typeof(TDocument), builder.NewField!);
        CheckPath(id, "new", newPath);
        string oldPath = builder.OldPath!;
        if (oldPath == newPath)
        {
            throw new MigrationValidationException(id, $"the old and new paths are identical ('{oldPath}').");
        }

        if (oldPath.StartsWith(newPath + ".", StringComparison.Ordinal) || newPath.StartsWith(oldPath + ".", StringComparison.Ordinal))
        {
            throw new MigrationValidationException(id, $"the old path '{oldPath}' and the new path '{newPath}' overlap (one contains the other).");
        }

        if (oldPath == "_id" || newPath == "_id" || oldPath.StartsWith("_id.", StringComparison.Ordinal) || newPath.StartsWith("_id.", StringComparison.Ordinal))
        {
            throw new MigrationValidationException(id, "_id is immutable and cannot be migrated.");
        }

        if (builder.Kind == FieldMigrationKind.Convert && builder.ForwardConversion is null)
        {
            throw new MigrationValidationException(id, "a convert migration needs a forward conversion.");
        }

        if (builder.ForwardExpression is { } expression && !expression.IsBsonDocument && !expression.IsString)
        {
            throw new MigrationValidationException(id, $"the forward expression must be an aggregation expression document or a field reference, not {expression.BsonType}.");
        }

        if (builder.ForwardExpression is { } referenced && !MentionsOldValue(referenced))
        {
            throw new MigrationValidationException(id, $"the forward expression {referenced.ToJson()} never uses the old value \"{ForwardExpressions.OldValueVariable}\".");
        }

        if (builder.Kind == FieldMigrationKind.Derive && builder.ResolverType is { IsAbstract: true } resolver)
        {
            throw new MigrationValidationException(id, $"the resolver {resolver.Name} must be a concrete class.");
        }

        if (builder.WantsIndex && builder.IndexName is { } name && string.IsNullOrWhiteSpace(name))
        {
            throw new MigrationValidationException(id, "the index name must not be empty.");
        }

        return newPath;
    }

    private static void CheckPath(string id, string which, string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new MigrationValidationException(id, $"the {which} path is empty.");
        }

        foreach (string part in path.Split('.'))
        {
            if (part.Length == 0)
            {
                throw new MigrationValidationException(id, $"the {which} path '{path}' has an empty segment.");
            }

            if (part.StartsWith('$'))
            {
                throw new MigrationValidationException(id, $"the {which} path '{path}' has a '$'-prefixed name ('{part}').");
            }
        }
    }

    // A $literal operand is a constant, whatever it spells (as ForwardExpressions.Bind treats it).
    private static bool MentionsOldValue(BsonValue expression) => expression switch
    {
        BsonString => ForwardExpressions.IsOldValueReference(expression),
        BsonDocument d => d.Elements.Any(e => e.Name != "$literal" && MentionsOldValue(e.Value)),
        BsonArray a => a.Any(MentionsOldValue),
        _ => false,
    };
}
