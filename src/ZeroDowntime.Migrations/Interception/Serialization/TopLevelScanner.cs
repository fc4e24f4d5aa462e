using System.Buffers;
using System.Buffers.Binary;
using MongoDB.Bson.IO;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>
/// Finds where the old and new elements of each migration sit among the top-level elements of a BSON document,
/// comparing names as UTF-8 bytes and skipping values, without moving the reader's stream.
/// </summary>
internal static partial class TopLevelScanner
{
    /// <summary>The bytes of the document the stream is positioned at, when the stream holds them in one piece.</summary>
    public static bool TryGetInPlace(BsonStream stream, out ReadOnlySpan<byte> document)
    {
        // The driver's streams expose their buffers: the document can be read where it is.
        if (stream is ByteBufferStream byteStream && byteStream.Position <= int.MaxValue)
        {
            ArraySegment<byte> bytes = byteStream.Buffer.AccessBackingBytes((int)byteStream.Position);
            if (bytes.Count >= 4)
            {
                int size = BinaryPrimitives.ReadInt32LittleEndian(bytes);
                if (size >= 5 && size <= bytes.Count)
                {
                    document = bytes.AsSpan(0, size);
                    return true;
                }
            }
        }

        document = default;
        return false;
    }

    /// <summary>
    /// Scans a copy of the document the stream is positioned at (for streams that do not expose it in one piece),
    /// leaving the stream where it was.
    /// </summary>
    public static bool TryScanCopy(BsonStream stream, MigratedField[] fields, Span<ElementSpan> olds, Span<bool> newPresent)
    {
        long start = stream.Position;
        if (!stream.CanSeek || stream.Length - start < 5)
        {
            return false;
        }

        int size = stream.ReadInt32();
        stream.Position = start;
        if (size < 5 || size > stream.Length - start)
        {
            return false;
        }

        byte[] copy = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            stream.ReadExactly(copy, 0, size);
            return TryScan(copy.AsSpan(0, size), fields, olds, newPresent);
        }
        finally
        {
            stream.Position = start;
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>
    /// The common one-migration case of <see cref="TryScan(ReadOnlySpan{byte}, MigratedField[], Span{ElementSpan}, Span{bool})"/>,
    /// with its state in locals. An element is the old one exactly when its name starts where the old name's bytes
    /// (with their terminator) were found, so the old name is never compared byte by byte.
    /// </summary>
    public static bool TryScan(ReadOnlySpan<byte> document, MigratedField field, out ElementSpan old, out bool newPresent)
    {
        old = ElementSpan.Absent;
        newPresent = false;
        if (document.Length < 5 || BinaryPrimitives.ReadInt32LittleEndian(document) != document.Length)
        {
            return false;
        }

        int oldAt = field.IsDerive ? -1 : document.IndexOf(field.OldCString);
        int newAt = -1;
        byte[] newName = field.NewUtf8;
        int position = 4;
        for (int index = 0; position < Math.Max(oldAt, newAt); index++)
        {
            if (document[position] == 0)
            {
                return position == document.Length - 1;
            }

            if (!TryReadElement(document, ref position, out int start, out int valueStart))
            {
                return false;
            }

            int nameLength = valueStart - start - 2;
            if (start + 1 == oldAt)
            {
                old = new ElementSpan { Index = index, Start = start, ValueStart = valueStart, End = position };
                oldAt = -1;
                newAt = newPresent ? -1 : Next(document, position, field.NewCString);
            }
            else if (nameLength == newName.Length && document.Slice(start + 1, nameLength).SequenceEqual(newName))
            {
                newPresent = true;
                newAt = -1;
            }
            else
            {
                // An occurrence inside this element's value is not a name: look for the next one.
                oldAt = oldAt >= 0 && oldAt < position ? Next(document, position, field.OldCString) : oldAt;
                newAt = newAt >= 0 && newAt < position ? Next(document, position, field.NewCString) : newAt;
            }
        }

        return true;
    }

    /// <summary>
    /// Fills <paramref name="olds"/> with where each field's old element is (absent when not there) and
    /// <paramref name="newPresent"/> with whether its new element is there (meaningful only where the old one was found).
    /// Returns false when the bytes cannot be scanned (malformed, a name repeated): the caller falls back to the path
    /// that reports the problem.
    /// </summary>
    public static bool TryScan(ReadOnlySpan<byte> document, MigratedField[] fields, Span<ElementSpan> olds, Span<bool> newPresent)
    {
        olds[..fields.Length].Fill(ElementSpan.Absent);
        newPresent[..fields.Length].Clear();
        if (document.Length < 5 || BinaryPrimitives.ReadInt32LittleEndian(document) != document.Length)
        {
            return false;
        }

        // A vectorised search for each old name's bytes proves it absent (new-shape documents, the common case) or
        // says where the parse must reach; only elements up to the pending occurrences are parsed.
        Span<int> oldAt = stackalloc int[fields.Length];
        Span<int> newAt = stackalloc int[fields.Length];
        bool any = false;
        for (int i = 0; i < fields.Length; i++)
        {
            oldAt[i] = fields[i].IsDerive ? -1 : document.IndexOf(fields[i].OldCString);
            newAt[i] = -1;
            any |= oldAt[i] >= 0;
        }

        return !any || TryScanElements(document, fields, oldAt, newAt, olds, newPresent);
    }

    /// <summary>
    /// Parses top-level elements until every pending occurrence of a name is resolved: an old name's occurrence is the
    /// element's name or lies inside a value (then the next one is pending); once a field's old element is found and its
    /// new one has not been seen, the new name's next occurrence is pending too.
    /// </summary>
    private static bool TryScanElements(
        ReadOnlySpan<byte> document, MigratedField[] fields, Span<int> oldAt, Span<int> newAt, Span<ElementSpan> olds, Span<bool> newPresent)
    {
        int position = 4;
        for (int index = 0; ; index++)
        {
            int limit = -1;
            for (int i = 0; i < fields.Length; i++)
            {
                limit = Math.Max(limit, Math.Max(oldAt[i], newAt[i]));
            }

            if (position >= limit)
            {
                // No element from here on can be named by a pending occurrence; the class map validates the rest.
                return true;
            }

            if (document[position] == 0)
            {
                return position == document.Length - 1;
            }

            if (!TryReadElement(document, ref position, out int start, out int valueStart))
            {
                return false;
            }

            var element = new ElementSpan { Index = index, Start = start, ValueStart = valueStart, End = position };
            if (!Match(document[(start + 1)..(valueStart - 1)], element, fields, olds, newPresent))
            {
                return false;
            }

            for (int i = 0; i < fields.Length; i++)
            {
                if (oldAt[i] >= 0 && oldAt[i] < position)
                {
                    bool found = olds[i].Index == index;
                    oldAt[i] = found ? -1 : Next(document, position, fields[i].OldCString);
                    newAt[i] = found && !newPresent[i] ? Next(document, position, fields[i].NewCString) : newAt[i];
                }
                else if (newAt[i] >= 0 && newAt[i] < position)
                {
                    newAt[i] = newPresent[i] ? -1 : Next(document, position, fields[i].NewCString);
                }
            }
        }
    }

    /// <summary>Records a match of <paramref name="name"/>; false for a second element of the same name.</summary>
    private static bool Match(ReadOnlySpan<byte> name, ElementSpan element, MigratedField[] fields, Span<ElementSpan> olds, Span<bool> newPresent)
    {
        for (int i = 0; i < fields.Length; i++)
        {
            MigratedField field = fields[i];

            // Lengths first: most names differ in length, and this runs for every element of the document.
            if (name.Length == field.OldUtf8.Length && !field.IsDerive && name.SequenceEqual(field.OldUtf8))
            {
                if (olds[i].IsPresent)
                {
                    return false;
                }

                olds[i] = element;
            }
            else if (name.Length == field.NewUtf8.Length && !field.IsDerive && name.SequenceEqual(field.NewUtf8))
            {
                if (newPresent[i])
                {
                    return false;
                }

                newPresent[i] = true;
            }
        }

        return true;
    }
}
