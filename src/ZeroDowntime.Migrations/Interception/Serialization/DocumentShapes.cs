using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>The per-phase read and write shapes of one migration's fields in a whole document (DESIGN §4).</summary>
internal static class DocumentShapes
{
    /// <summary>
    /// Before <see cref="MigrationPhase.SwitchRead"/>: the new field keeps its value when present (even null), else
    /// takes <c>forward(old)</c>. In every phase the old field is then dropped, since the V2 class does not map it
    /// (a derive migration's source field is the application's own and is left alone).
    /// </summary>
    public static void ToReadShape(BsonDocument document, IFieldMigration migration, MigrationPhase phase)
    {
        if (migration.Kind == FieldMigrationKind.Derive)
        {
            return;
        }

        if (!BsonPaths.TryGet(document, migration.OldPath, out BsonValue old))
        {
            return;
        }

        if (phase < MigrationPhase.SwitchRead && !BsonPaths.TryGet(document, migration.NewPath, out _))
        {
            BsonPaths.TrySet(document, migration.NewPath, migration.Forward(old));
            Telemetry.MigrationTelemetry.CountCoalescedRead(migration);
        }

        BsonPaths.Remove(document, migration.OldPath);
    }

    /// <summary>Before <see cref="MigrationPhase.Completed"/>, writes the old field beside the new one (through <c>backward</c>).</summary>
    public static void ToWriteShape(BsonDocument document, IFieldMigration migration, MigrationPhase phase)
    {
        if (phase == MigrationPhase.Completed || migration.Kind == FieldMigrationKind.Derive
            || !BsonPaths.TryGet(document, migration.NewPath, out BsonValue value))
        {
            return;
        }

        if (!migration.HasBackward)
        {
            throw new MigrationNotSupportedException(migration.Id, phase, $"writing '{migration.NewPath}'",
                $"the migration has no backward conversion, so '{migration.OldPath}' cannot be kept in step for V1 code and rollback. Give Convert a backward delegate.");
        }

        if (!BsonPaths.TrySet(document, migration.OldPath, migration.Backward(value)))
        {
            throw new MigrationNotSupportedException(migration.Id, phase, $"writing '{migration.OldPath}'",
                "a non-document value is in the way of the old path.");
        }
    }
}
