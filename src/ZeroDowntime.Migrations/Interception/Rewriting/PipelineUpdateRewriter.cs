using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>Mirrors pipeline updates (see <see cref="UpdateRewriter"/>): assignments and removals of the new field
/// also assign or remove the old one; before SwitchRead, references to the new field read <c>value(d)</c>.</summary>
internal static class PipelineUpdateRewriter
{
    public static UpdatePlan Rewrite(
        BsonArray pipeline, BsonDocument filter, bool isUpsert, IReadOnlyList<ActiveMigration> active, List<ActiveMigration> mirroring)
    {
        var writes = mirroring.ToDictionary(m => m.Migration.Id, _ => new UpdateWrites());
        var result = new BsonArray();
        foreach (BsonValue stageValue in pipeline)
        {
            if (stageValue is not BsonDocument { ElementCount: 1 } stage)
            {
                result.Add(stageValue);
                continue;
            }

            BsonElement body = stage.GetElement(0);
            result.Add(body.Name switch
            {
                "$set" or "$addFields" when body.Value is BsonDocument spec => Set(body.Name, spec, active, mirroring, writes),
                "$unset" => Unset(body.Value, mirroring, writes),
                "$project" when body.Value is BsonDocument spec => Project(spec, active, mirroring),
                "$replaceRoot" or "$replaceWith" => throw mirroring[0].Refuse(body.Name,
                    $"{body.Name} replaces the whole document, so '{mirroring[0].OldPath}' cannot be kept in step with '{mirroring[0].NewPath}'. Use $set and $unset."),
                _ => stage,
            });
        }

        var materialize = new List<IFieldMigration>();
        foreach (ActiveMigration migration in mirroring)
        {
            UpdateWrites w = writes[migration.Migration.Id];
            if (isUpsert && !(w.Any && w.SetsWholeField))
            {
                RefuseSeeding(filter, migration, w);
            }

            if (w.NeedsMaterializing && migration.CoalescesReads)
            {
                materialize.Add(migration.Migration);
            }
        }

        return new UpdatePlan(result, materialize);
    }

    private static BsonDocument Set(
        string stage, BsonDocument spec, IReadOnlyList<ActiveMigration> active, List<ActiveMigration> mirroring, Dictionary<string, UpdateWrites> writes)
    {
        var output = new BsonDocument();
        var mirrors = new List<BsonElement>();
        foreach (BsonElement field in FlattenObjectLiterals(spec, ""))
        {
            BsonValue expression = ExpressionRewriter.Rewrite(field.Value, active, stage);
            output.Add(field.Name, expression);
            foreach (ActiveMigration migration in mirroring)
            {
                IFieldMigration m = migration.Migration;
                RefuseOldField(stage, field.Name, migration);
                PathRelation relation = FieldPaths.Relate(field.Name, m.NewPath);
                if (relation == PathRelation.None)
                {
                    continue;
                }

                writes[m.Id].Record(relation == PathRelation.Same ? "$set" : "$addFields.part", relation);
                mirrors.Add(relation switch
                {
                    PathRelation.Same => new BsonElement(m.OldPath, OldExpression(stage, expression, migration)),
                    PathRelation.Descendant when m.Kind == FieldMigrationKind.Rename =>
                        new BsonElement(FieldPaths.Rebase(field.Name, m.NewPath, m.OldPath), expression),
                    _ => throw migration.Refuse(stage,
                        $"assigning '{field.Name}' changes part of the migrating field '{m.NewPath}' (or replaces a document containing it), which cannot be mirrored onto '{m.OldPath}'. Assign '{m.NewPath}' as a whole."),
                });
            }
        }

        foreach (BsonElement mirror in mirrors)
        {
            output.Add(mirror);
        }

        return new BsonDocument(stage, output);
    }

    /// <summary>The old field's expression: the same for a rename, a converted constant for a convert.</summary>
    private static BsonValue OldExpression(string stage, BsonValue expression, ActiveMigration migration)
    {
        if (migration.Migration.Kind == FieldMigrationKind.Rename || expression == "$$REMOVE")
        {
            return expression;
        }

        if (TryConstant(expression, out BsonValue? constant))
        {
            return AggregationTerms.Literal(UpdateRewriter.Backward(migration, constant, stage));
        }

        throw migration.Refuse(stage,
            $"the value assigned to the converted field '{migration.NewPath}' is computed on the server, and its conversion back into '{migration.OldPath}' runs on the client. Assign a constant, or read, convert and $set the value.");
    }

    private static BsonDocument Unset(BsonValue spec, List<ActiveMigration> mirroring, Dictionary<string, UpdateWrites> writes)
    {
        BsonArray paths = spec is BsonArray list ? [.. list] : [spec];
        foreach (string path in paths.Where(p => p.IsString).Select(p => p.AsString).ToList())
        {
            foreach (ActiveMigration migration in mirroring)
            {
                IFieldMigration m = migration.Migration;
                RefuseOldField("$unset", path, migration);
                PathRelation relation = FieldPaths.Relate(path, m.NewPath);
                if (relation == PathRelation.None)
                {
                    continue;
                }

                writes[m.Id].Record("$unset", relation);
                if (relation == PathRelation.Descendant && m.Kind != FieldMigrationKind.Rename)
                {
                    throw migration.Refuse("$unset", $"removing '{path}' changes part of the converted field '{m.NewPath}', which cannot be mirrored onto '{m.OldPath}'.");
                }

                string old = relation == PathRelation.Ancestor ? m.OldPath : FieldPaths.Rebase(path, m.NewPath, m.OldPath);
                if (!paths.Any(p => p.IsString && FieldPaths.IsRelated(p.AsString, old)))
                {
                    paths.Add(old);
                }
            }
        }

        return new BsonDocument("$unset", paths.Count == 1 ? paths[0] : paths);
    }

    private static BsonDocument Project(BsonDocument spec, IReadOnlyList<ActiveMigration> active, List<ActiveMigration> mirroring)
    {
        var output = new BsonDocument();
        foreach (BsonElement field in spec)
        {
            foreach (ActiveMigration migration in mirroring)
            {
                if (FieldPaths.IsRelated(field.Name, migration.NewPath) || FieldPaths.IsRelated(field.Name, migration.OldPath))
                {
                    throw migration.Refuse("$project",
                        $"$project of '{field.Name}' in an update pipeline would keep or drop '{migration.NewPath}' without '{migration.OldPath}'. Use $set and $unset.");
                }
            }

            output.Add(field.Name, field.Value.IsNumeric || field.Value.IsBoolean ? field.Value : ExpressionRewriter.Rewrite(field.Value, active, "$project"));
        }

        return new BsonDocument("$project", output);
    }

    private static void RefuseSeeding(BsonDocument filter, ActiveMigration migration, UpdateWrites writes)
    {
        foreach ((string path, BsonValue value) in UpdateRewriter.SeedingEqualities(filter))
        {
            if (FieldPaths.IsRelated(path, migration.NewPath))
            {
                throw migration.Refuse(writes.FirstOperator ?? "upsert",
                    $"a pipeline upsert cannot seed '{migration.NewPath}' and '{migration.OldPath}' from the filter's '{path}' = {value}, since a pipeline cannot tell an insert from an update. Use an operator update, or assign '{migration.NewPath}' in the pipeline.");
            }
        }
    }

    private static void RefuseOldField(string stage, string path, ActiveMigration migration)
    {
        if (FieldPaths.IsRelated(path, migration.OldPath))
        {
            throw migration.Refuse(stage,
                $"the update writes '{path}' itself, but the migration writes '{migration.OldPath}' from '{migration.NewPath}'; write '{migration.NewPath}' only.");
        }
    }

    /// <summary>An object literal in <c>$set</c> merges into the existing document, exactly as its dotted paths would.</summary>
    private static IEnumerable<BsonElement> FlattenObjectLiterals(BsonDocument spec, string prefix)
    {
        foreach (BsonElement field in spec)
        {
            if (field.Value is BsonDocument { ElementCount: > 0 } nested && !nested.GetElement(0).Name.StartsWith('$'))
            {
                foreach (BsonElement inner in FlattenObjectLiterals(nested, prefix + field.Name + "."))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return new BsonElement(prefix + field.Name, field.Value);
            }
        }
    }

    /// <summary>The value of an expression that references no field, variable or operator other than <c>$literal</c>.</summary>
    private static bool TryConstant(BsonValue expression, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BsonValue? value)
    {
        value = null;
        switch (expression)
        {
            case BsonString s when s.Value.StartsWith('$'):
                return false;
            case BsonDocument { ElementCount: 1 } d when d.GetElement(0).Name == "$literal":
                value = d[0];
                return true;
            case BsonDocument d:
                var document = new BsonDocument();
                foreach (BsonElement e in d)
                {
                    if (e.Name.StartsWith('$') || !TryConstant(e.Value, out BsonValue? inner))
                    {
                        return false;
                    }

                    document.Add(e.Name, inner);
                }

                value = document;
                return true;
            case BsonArray a:
                var array = new BsonArray();
                foreach (BsonValue e in a)
                {
                    if (!TryConstant(e, out BsonValue? inner))
                    {
                        return false;
                    }

                    array.Add(inner);
                }

                value = array;
                return true;
            default:
                value = expression;
                return true;
        }
    }
}
