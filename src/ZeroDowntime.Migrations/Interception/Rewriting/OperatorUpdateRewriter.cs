using MongoDB.Bson;
using ZeroDowntime.Migrations.Interception.Serialization;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>Mirrors the update operators on a migrating new field onto the old one (see <see cref="UpdateRewriter"/>).</summary>
internal static class OperatorUpdateRewriter
{
    /// <summary>Operators whose result depends on the field's current value.</summary>
    private static readonly HashSet<string> ValueDependent =
        ["$inc", "$mul", "$min", "$max", "$push", "$addToSet", "$pull", "$pullAll", "$pop", "$bit"];

    public static UpdatePlan Rewrite(BsonDocument update, BsonDocument filter, bool isUpsert, List<ActiveMigration> mirroring)
    {
        var result = (BsonDocument)update.DeepClone();
        var materialize = new List<IFieldMigration>();
        foreach (ActiveMigration migration in mirroring)
        {
            var writes = new UpdateWrites();
            foreach (BsonElement op in update)
            {
                if (op.Value is not BsonDocument fields)
                {
                    continue;
                }

                foreach (BsonElement field in fields)
                {
                    Mirror(op.Name, field, migration, result, writes);
                }
            }

            if (isUpsert)
            {
                Seed(filter, migration, result, writes);
            }

            if (writes.NeedsMaterializing && migration.CoalescesReads)
            {
                materialize.Add(migration.Migration);
            }
        }

        return new UpdatePlan(result, materialize);
    }

    private static void Mirror(string op, BsonElement field, ActiveMigration migration, BsonDocument result, UpdateWrites writes)
    {
        IFieldMigration m = migration.Migration;
        string path = field.Name;
        // A document holding both fields may be set or removed whole: the old field is carried along (MirrorAncestorSet).
        bool sharedParent = FieldPaths.Relate(path, m.OldPath) == PathRelation.Ancestor && FieldPaths.Relate(path, m.NewPath) == PathRelation.Ancestor
            && op is "$set" or "$setOnInsert" or "$unset";
        if ((FieldPaths.IsRelated(path, m.OldPath) && !sharedParent)
            || (op == "$rename" && field.Value.IsString && FieldPaths.IsRelated(field.Value.AsString, m.OldPath)))
        {
            throw migration.Refuse(op,
                $"the update writes '{(FieldPaths.IsRelated(path, m.OldPath) ? path : field.Value.AsString)}' itself, but the migration writes '{m.OldPath}' from '{m.NewPath}'; write '{m.NewPath}' only.");
        }

        if (op == "$rename")
        {
            MirrorRename(path, field.Value, migration, result, writes);
            return;
        }

        PathRelation relation = FieldPaths.Relate(path, m.NewPath);
        if (relation == PathRelation.None)
        {
            return;
        }

        if (UpdateRewriter.IsPositional(path))
        {
            throw migration.Refuse(op,
                $"the positional '$' in '{path}' refers to the array element the filter matched, which cannot be located in '{m.OldPath}'. Use $[] or $[<identifier>] with arrayFilters.");
        }

        switch (relation)
        {
            case PathRelation.Same:
                MirrorWhole(op, field.Value, migration, result, writes);
                break;
            case PathRelation.Descendant when m.Kind == FieldMigrationKind.Rename:
                writes.Record(op, relation);
                Add(result, op, FieldPaths.Rebase(path, m.NewPath, m.OldPath), field.Value, migration);
                break;
            case PathRelation.Descendant:
                throw migration.Refuse(op,
                    $"'{path}' is inside the converted field '{m.NewPath}', and a change to part of a converted value cannot be mapped onto '{m.OldPath}'. Set '{m.NewPath}' as a whole.");
            case PathRelation.Ancestor when op is "$set" or "$setOnInsert":
                writes.Record(op, relation);
                MirrorAncestorSet(op, path, field.Value, migration, result);
                break;
            case PathRelation.Ancestor when op == "$unset":
                writes.Record(op, relation);
                if (FieldPaths.Relate(m.OldPath, path) != PathRelation.Descendant)
                {
                    Add(result, "$unset", m.OldPath, "", migration);
                }

                break;
            default:
                throw migration.Refuse(op, $"{op} on '{path}', an embedded document containing the migrating field '{m.NewPath}', cannot be mirrored onto '{m.OldPath}'.");
        }
    }

    private static void MirrorWhole(string op, BsonValue value, ActiveMigration migration, BsonDocument result, UpdateWrites writes)
    {
        IFieldMigration m = migration.Migration;
        writes.Record(op, PathRelation.Same);
        switch (op)
        {
            case "$set" or "$setOnInsert":
                Add(result, op, m.OldPath, UpdateRewriter.Backward(migration, value, op), migration);
                break;
            case "$unset":
                Add(result, op, m.OldPath, value, migration);
                break;
            case "$currentDate":
            case var _ when ValueDependent.Contains(op):
                if (m.Kind != FieldMigrationKind.Rename)
                {
                    throw migration.Refuse(op,
                        $"{op} computes the new value on the server, and the conversion of '{m.NewPath}' back into '{m.OldPath}' runs on the client. Read, convert and $set the value instead.");
                }

                Add(result, op, m.OldPath, value, migration);
                break;
            default:
                throw migration.Refuse(op, $"{op} on the migrating field '{m.NewPath}' cannot be mirrored onto '{m.OldPath}'.");
        }
    }

    /// <summary><c>$rename</c> away from the new field leaves no value, so the old one goes too; into it is refused.</summary>
    private static void MirrorRename(string from, BsonValue to, ActiveMigration migration, BsonDocument result, UpdateWrites writes)
    {
        IFieldMigration m = migration.Migration;
        if (to.IsString && FieldPaths.IsRelated(to.AsString, m.NewPath))
        {
            throw migration.Refuse("$rename",
                $"renaming '{from}' into the migrating field '{m.NewPath}' leaves '{m.OldPath}' unknown when '{from}' is missing. Use $set.");
        }

        PathRelation relation = FieldPaths.Relate(from, m.NewPath);
        if (relation == PathRelation.None)
        {
            return;
        }

        if (relation == PathRelation.Ancestor || (relation == PathRelation.Descendant && m.Kind != FieldMigrationKind.Rename))
        {
            throw migration.Refuse("$rename", $"renaming '{from}' moves part of the migrating field '{m.NewPath}', which cannot be mirrored onto '{m.OldPath}'.");
        }

        writes.Record("$rename", relation);
        Add(result, "$unset", FieldPaths.Rebase(from, m.NewPath, m.OldPath), "", migration);
    }

    /// <summary><c>$set</c> of a document containing the new field: the old field follows the new value it carries.</summary>
    private static void MirrorAncestorSet(string op, string path, BsonValue value, ActiveMigration migration, BsonDocument result)
    {
        IFieldMigration m = migration.Migration;
        string inner = m.NewPath[(path.Length + 1)..];
        bool carried = value is BsonDocument document && BsonPaths.TryGet(document, inner, out _);
        BsonValue? oldValue = carried ? UpdateRewriter.Backward(migration, BsonPathsGet(value.AsBsonDocument, inner), op) : null;
        if (FieldPaths.Relate(m.OldPath, path) == PathRelation.Descendant)
        {
            // The old field lives in the same document: put it in the value, as two paths in one document would conflict.
            string oldInner = m.OldPath[(path.Length + 1)..];
            if (value is not BsonDocument written)
            {
                return;
            }

            var copy = (BsonDocument)written.DeepClone();
            if (oldValue is null)
            {
                BsonPaths.Remove(copy, oldInner);
            }
            else if (!BsonPaths.TrySet(copy, oldInner, oldValue))
            {
                throw migration.Refuse(op, $"a non-document value is in the way of '{m.OldPath}' in the document set at '{path}'.");
            }

            result[op][path] = copy;
            return;
        }

        if (oldValue is not null)
        {
            Add(result, op, m.OldPath, oldValue, migration);
        }
        else if (op == "$set")
        {
            Add(result, "$unset", m.OldPath, "", migration);
        }
    }

    private static BsonValue BsonPathsGet(BsonDocument document, string path) =>
        BsonPaths.TryGet(document, path, out BsonValue value) ? value : BsonNull.Value;

    /// <summary>An upsert seeds the new field from the filter's equalities, but the rewritten filter hides them.</summary>
    private static void Seed(BsonDocument filter, ActiveMigration migration, BsonDocument result, UpdateWrites writes)
    {
        IFieldMigration m = migration.Migration;
        foreach ((string path, BsonValue value) in UpdateRewriter.SeedingEqualities(filter))
        {
            PathRelation relation = FieldPaths.Relate(path, m.NewPath);
            if (relation == PathRelation.None)
            {
                continue;
            }

            if (writes.Any && writes.SetsWholeField)
            {
                continue; // the update decides the new value whatever the filter said
            }

            if (writes.Any)
            {
                throw migration.Refuse(writes.FirstOperator!,
                    $"an upsert that inserts would start from '{path}' = {value} taken from the filter and then apply {writes.FirstOperator}, which cannot be done on both fields in one update. Set '{m.NewPath}' explicitly.");
            }

            if (relation == PathRelation.Ancestor || (relation == PathRelation.Descendant && m.Kind != FieldMigrationKind.Rename))
            {
                throw migration.Refuse("upsert", $"the filter's equality on '{path}' cannot seed '{m.OldPath}' of an inserted document.");
            }

            if (migration.CoalescesReads)
            {
                Add(result, "$setOnInsert", path, value, migration);
            }

            string oldPath = FieldPaths.Rebase(path, m.NewPath, m.OldPath);
            BsonValue oldValue = relation == PathRelation.Same ? UpdateRewriter.Backward(migration, value, "upsert") : value;
            Add(result, "$setOnInsert", oldPath, oldValue, migration);
        }
    }

    private static void Add(BsonDocument result, string op, string path, BsonValue value, ActiveMigration migration)
    {
        if (!result.TryGetValue(op, out BsonValue? fields))
        {
            fields = new BsonDocument();
            result[op] = fields;
        }

        if (fields.AsBsonDocument.Names.Any(name => FieldPaths.IsRelated(name, path)))
        {
            throw migration.Refuse(op, $"the update already writes '{path}' or a field related to it, which the migration must write from '{migration.NewPath}'.");
        }

        fields.AsBsonDocument[path] = value;
    }
}
