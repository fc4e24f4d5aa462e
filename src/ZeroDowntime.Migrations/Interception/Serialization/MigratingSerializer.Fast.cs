using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>
/// The fast read path: no <see cref="MongoDB.Bson.BsonDocument"/>. The top-level element names of the binary document
/// are scanned first; then the class map reads the document directly (nothing to change), an edited copy of its bytes
/// (<see cref="EditedCopyReader"/>: the old element dropped or renamed) or, for a convert, the document through a
/// <see cref="MigratingBsonReader"/>. The decision follows <see cref="DocumentShapes.ToReadShape"/>: coalesce only
/// before SwitchRead; the old element never reaches the class map.
/// </summary>
internal sealed partial class MigratingSerializer<TDocument>
{
    /// <summary>Reads a document (not null) on the fly; false, with the reader untouched, when only the naive path can.</summary>
    internal bool TryDeserializeFast(BsonDeserializationContext context, BsonDeserializationArgs args, out TDocument document)
    {
        document = default!;
        MigrationPlan compiled = CurrentPlan();
        if (!compiled.CanReadFast || context.Reader is not BsonBinaryReader binaryReader)
        {
            return false;
        }

        MigratedField[] fields = compiled.Fields;
        bool inPlace = TopLevelScanner.TryGetInPlace(binaryReader.BsonStream, out ReadOnlySpan<byte> bytes);
        if (inPlace && fields.Length == 1)
        {
            return TryDeserializeOne(context, args, binaryReader, bytes, fields[0], out document);
        }

        Span<ElementSpan> olds = stackalloc ElementSpan[fields.Length];
        Span<bool> newPresent = stackalloc bool[fields.Length];
        if (!(inPlace ? TopLevelScanner.TryScan(bytes, fields, olds, newPresent) : TopLevelScanner.TryScanCopy(binaryReader.BsonStream, fields, olds, newPresent)))
        {
            return false;
        }

        Span<ReadEditKind> kinds = stackalloc ReadEditKind[fields.Length];
        int edits = 0;
        bool converts = false;
        IPhaseSource? phases = null;
        for (int i = 0; i < fields.Length; i++)
        {
            if (olds[i].IsPresent && !fields[i].IsDerive)
            {
                // Looked up only when an old element is there: without one, the read is the same in every phase.
                phases ??= PhaseContext.Current;
                kinds[i] = Kind(fields[i], phases?.GetPhase(fields[i].Migration) ?? MigrationPhase.DualWrite, newPresent[i]);
                converts |= kinds[i] == ReadEditKind.Convert;
                edits++;
            }
        }

        if (edits == 0)
        {
            document = inner.Deserialize(context, args);
        }
        else if (!converts && inPlace && bytes.Length <= EditedCopyReader.MaxDocumentSize)
        {
            document = DeserializeCopy(context, args, binaryReader, bytes, fields, kinds, olds, edits);
        }
        else
        {
            document = DeserializeWrapped(context, args, binaryReader, fields, kinds, olds);
        }

        return true;
    }

    private static ReadEditKind Kind(MigratedField field, MigrationPhase phase, bool newPresent) =>
        phase >= MigrationPhase.SwitchRead || newPresent ? ReadEditKind.Hide
            : field.IsRename ? ReadEditKind.Rename : ReadEditKind.Convert;

    /// <summary>The common case of one migration on the type, with its state in locals.</summary>
    private bool TryDeserializeOne(
        BsonDeserializationContext context, BsonDeserializationArgs args, BsonBinaryReader binaryReader, ReadOnlySpan<byte> bytes, MigratedField field, out TDocument document)
    {
        document = default!;
        if (!TopLevelScanner.TryScan(bytes, field, out ElementSpan old, out bool newPresent))
        {
            return false;
        }

        if (!old.IsPresent)
        {
            document = inner.Deserialize(context, args);
            return true;
        }

        ReadEditKind kind = Kind(field, PhaseContext.Current?.GetPhase(field.Migration) ?? MigrationPhase.DualWrite, newPresent);
        if (kind == ReadEditKind.Convert || bytes.Length > EditedCopyReader.MaxDocumentSize)
        {
            document = DeserializeWrapped(context, args, binaryReader, [field], [kind], [old]);
            return true;
        }

        EditedCopyReader reader = EditedCopyReader.Rent(bytes.Length + field.NewCString.Length, binaryReader);
        try
        {
            reader.Load(bytes, old, kind == ReadEditKind.Rename ? field.NewCString : null);
            document = inner.Deserialize(reader.CreateContext(context), args);
        }
        finally
        {
            reader.Return();
        }

        binaryReader.SkipValue();
        return true;
    }

    /// <summary>Hides and renames: the class map reads a copy of the document with the edits applied.</summary>
    private TDocument DeserializeCopy(
        BsonDeserializationContext context,
        BsonDeserializationArgs args,
        BsonBinaryReader binaryReader,
        ReadOnlySpan<byte> bytes,
        MigratedField[] fields,
        ReadOnlySpan<ReadEditKind> kinds,
        ReadOnlySpan<ElementSpan> olds,
        int editCount)
    {
        Span<int> order = stackalloc int[editCount];
        int count = 0;
        int size = bytes.Length;
        for (int i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] == 0)
            {
                continue;
            }

            size += kinds[i] == ReadEditKind.Rename ? fields[i].NewCString.Length : 0;

            // In document order, which the copy walks in.
            int at = count++;
            while (at > 0 && olds[order[at - 1]].Start > olds[i].Start)
            {
                order[at] = order[at - 1];
                at--;
            }

            order[at] = i;
        }

        EditedCopyReader reader = EditedCopyReader.Rent(size, binaryReader);
        TDocument document;
        try
        {
            reader.Load(bytes, order, olds, kinds, fields);
            document = inner.Deserialize(reader.CreateContext(context), args);
        }
        finally
        {
            reader.Return();
        }

        binaryReader.SkipValue();
        return document;
    }

    /// <summary>With a convert: the class map reads through a wrapper that serves the converted value.</summary>
    private TDocument DeserializeWrapped(
        BsonDeserializationContext context,
        BsonDeserializationArgs args,
        BsonBinaryReader binaryReader,
        ReadOnlySpan<MigratedField> fields,
        ReadOnlySpan<ReadEditKind> kinds,
        ReadOnlySpan<ElementSpan> olds)
    {
        MigratingBsonReader reader = MigratingBsonReader.Rent(binaryReader);
        try
        {
            for (int i = 0; i < kinds.Length; i++)
            {
                if (kinds[i] != 0)
                {
                    reader.AddEdit(olds[i].Index, kinds[i], fields[i]);
                }
            }

            return inner.Deserialize(reader.CreateContext(context), args);
        }
        finally
        {
            reader.Return();
        }
    }
}
