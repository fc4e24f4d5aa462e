using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>
/// The fast path: no <see cref="MongoDB.Bson.BsonDocument"/>. Reads pre-scan the top-level element names of the
/// binary document, then run the class map over the reader directly (nothing to change) or over a
/// <see cref="MigratingBsonReader"/>; writes run it over a <see cref="MigratingBsonWriter"/>.
/// </summary>
internal sealed partial class MigratingSerializer<TDocument>
{
    /// <summary>Reads a document (not null) on the fly; false, with the reader untouched, when only the naive path can.</summary>
    internal bool TryDeserializeFast(BsonDeserializationContext context, BsonDeserializationArgs args, out TDocument document)
    {
        MigrationPlan compiled = CurrentPlan();
        if (!compiled.CanReadFast || context.Reader is not BsonBinaryReader binaryReader)
        {
            document = default!;
            return false;
        }

        MigratedField[] fields = compiled.Fields;
        Span<int> oldIndexes = stackalloc int[fields.Length];
        Span<bool> newPresent = stackalloc bool[fields.Length];
        if (!TopLevelScanner.TryScan(binaryReader.BsonStream, fields, oldIndexes, newPresent))
        {
            document = default!;
            return false;
        }

        IPhaseSource? phases = PhaseContext.Current;
        MigratingBsonReader? reader = null;
        for (int i = 0; i < fields.Length; i++)
        {
            MigratedField field = fields[i];
            MigrationPhase phase = phases?.GetPhase(field.Migration) ?? MigrationPhase.DualWrite;
            if (field.IsDerive || oldIndexes[i] < 0)
            {
                continue;
            }

            // The rules of DocumentShapes.ToReadShape: coalesce only before SwitchRead; the old element never reaches the class map.
            ReadEditKind kind = phase >= MigrationPhase.SwitchRead || newPresent[i] ? ReadEditKind.Hide
                : field.IsRename ? ReadEditKind.Rename : ReadEditKind.Convert;
            reader ??= MigratingBsonReader.Rent(binaryReader);
            reader.AddEdit(oldIndexes[i], kind, field);
        }

        if (reader is null)
        {
            document = inner.Deserialize(context, args);
            return true;
        }

        try
        {
            document = inner.Deserialize(reader.CreateContext(context), args);
            return true;
        }
        finally
        {
            reader.Return();
        }
    }

    /// <summary>Writes <paramref name="value"/> (not null) on the fly; false, with nothing written, when only the naive path can.</summary>
    internal bool TrySerializeFast(BsonSerializationContext context, BsonSerializationArgs args, TDocument value)
    {
        MigrationPlan compiled = CurrentPlan();
        if (!compiled.CanWriteFast)
        {
            return false;
        }

        MigratedField[] fields = compiled.Fields;
        IPhaseSource? phases = PhaseContext.Current;
        int dualWritten = 0;
        Span<bool> active = stackalloc bool[fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            MigrationPhase phase = phases?.GetPhase(fields[i].Migration) ?? MigrationPhase.DualWrite;
            if (fields[i].IsDerive || phase == MigrationPhase.Completed)
            {
                continue;
            }

            // Without backward, the naive path refuses the write when the new element is there (DocumentShapes.ToWriteShape).
            if (!fields[i].Migration.HasBackward)
            {
                return false;
            }

            active[i] = true;
            dualWritten++;
        }

        if (dualWritten == 0)
        {
            inner.Serialize(context, args, value);
            return true;
        }

        MigratingBsonWriter writer = MigratingBsonWriter.Rent(context.Writer);
        try
        {
            for (int i = 0; i < fields.Length; i++)
            {
                if (active[i])
                {
                    writer.AddField(fields[i]);
                }
            }

            inner.Serialize(writer.CreateContext(context), args, value);
            return true;
        }
        finally
        {
            writer.Return();
        }
    }
}
