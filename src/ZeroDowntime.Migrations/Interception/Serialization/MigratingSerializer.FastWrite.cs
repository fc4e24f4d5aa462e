using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>
/// The fast write path, following <see cref="DocumentShapes.ToWriteShape"/>: renames into the driver's binary writer
/// are appended to the written bytes (<see cref="AppendedDualWrite"/>); other dual writes go through a
/// <see cref="MigratingBsonWriter"/>.
/// </summary>
internal sealed partial class MigratingSerializer<TDocument>
{
    /// <summary>Writes <paramref name="value"/> (not null) on the fly; false, with nothing written, when only the naive path can.</summary>
    internal bool TrySerializeFast(BsonSerializationContext context, BsonSerializationArgs args, TDocument value)
    {
        MigrationPlan compiled = CurrentPlan();
        if (!compiled.CanWriteFast)
        {
            return false;
        }

        MigratedField[] fields = compiled.Fields;
        if (fields.Length == 1)
        {
            return TrySerializeOne(context, args, value, fields[0]);
        }

        Span<bool> active = stackalloc bool[fields.Length];
        int dualWritten = 0;
        bool renamesOnly = true;
        IPhaseSource? phases = PhaseContext.Current;
        for (int i = 0; i < fields.Length; i++)
        {
            MigrationPhase phase = phases?.GetPhase(fields[i].Migration) ?? MigrationPhase.DualWrite;
            if (fields[i].IsDerive || phase == MigrationPhase.Completed)
            {
                continue;
            }

            // Without backward, the naive path refuses the write when the new element is there.
            if (!fields[i].Migration.HasBackward)
            {
                return false;
            }

            active[i] = true;
            dualWritten++;
            renamesOnly &= fields[i].IsRename;
        }

        if (dualWritten == 0)
        {
            inner.Serialize(context, args, value);
        }
        else if (renamesOnly && AppendedDualWrite.TryGetStream(context.Writer, out BsonStream stream))
        {
            long start = stream.Position;
            bool prefixed = context.Writer.State == BsonWriterState.Value;
            inner.Serialize(context, args, value);
            AppendedDualWrite.Append(stream, start, prefixed, fields, active);
        }
        else
        {
            SerializeWrapped(context, args, value, fields, active);
        }

        return true;
    }

    /// <summary>The common case of one migration on the type, without stack state.</summary>
    private bool TrySerializeOne(BsonSerializationContext context, BsonSerializationArgs args, TDocument value, MigratedField field)
    {
        MigrationPhase phase = PhaseContext.Current?.GetPhase(field.Migration) ?? MigrationPhase.DualWrite;
        if (field.IsDerive || phase == MigrationPhase.Completed)
        {
            inner.Serialize(context, args, value);
        }
        else if (!field.Migration.HasBackward)
        {
            return false;
        }
        else if (field.IsRename && AppendedDualWrite.TryGetStream(context.Writer, out BsonStream stream))
        {
            long start = stream.Position;
            bool prefixed = context.Writer.State == BsonWriterState.Value;
            inner.Serialize(context, args, value);
            AppendedDualWrite.AppendOne(stream, start, prefixed, field);
        }
        else
        {
            SerializeWrapped(context, args, value, [field], [true]);
        }

        return true;
    }

    private void SerializeWrapped(BsonSerializationContext context, BsonSerializationArgs args, TDocument value, ReadOnlySpan<MigratedField> fields, ReadOnlySpan<bool> active)
    {
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
        }
        finally
        {
            writer.Return();
        }
    }
}
