using MongoDB.Bson.Serialization;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>
/// The fast write path: the class map writes through a <see cref="MigratingBsonWriter"/> that dual-writes each new
/// top-level element, following <see cref="DocumentShapes.ToWriteShape"/>.
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
        IPhaseSource? phases = PhaseContext.Current;
        MigratingBsonWriter? writer = null;
        try
        {
            foreach (MigratedField field in fields)
            {
                MigrationPhase phase = phases?.GetPhase(field.Migration) ?? MigrationPhase.DualWrite;
                if (field.IsDerive || phase == MigrationPhase.Completed)
                {
                    continue;
                }

                // Without backward, the naive path refuses the write when the new element is there.
                if (!field.Migration.HasBackward)
                {
                    return false;
                }

                writer ??= MigratingBsonWriter.Rent(context.Writer);
                writer.AddField(field);
            }

            if (writer is null)
            {
                inner.Serialize(context, args, value);
            }
            else
            {
                inner.Serialize(writer.CreateContext(context), args, value);
            }

            return true;
        }
        finally
        {
            writer?.Return();
        }
    }
}
