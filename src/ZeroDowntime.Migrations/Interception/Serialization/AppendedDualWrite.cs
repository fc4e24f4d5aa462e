using System.Buffers;
using System.Buffers.Binary;
using MongoDB.Bson.IO;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>
/// Dual writes for the driver's binary writer without intercepting any write: the class map writes the document
/// straight into the writer's stream, then each renamed field's old element (the new element's value bytes under the
/// old name) is appended before the document's terminator and the size patched. Enclosing documents measure their
/// own size when they end, so the writer stays consistent; the old names were validated at registration.
/// </summary>
internal static class AppendedDualWrite
{
    /// <summary>The stream to append to, when the writer is a binary writer whose written bytes can be read back.</summary>
    public static bool TryGetStream(IBsonWriter writer, out BsonStream stream)
    {
        stream = (writer as BsonBinaryWriter)?.BsonStream!;
        return stream is ByteBufferStream { CanWrite: true } || stream is { CanSeek: true, CanRead: true, CanWrite: true };
    }

    /// <summary>The one-field case of <see cref="Append"/>, with its state in locals.</summary>
    public static void AppendOne(BsonStream stream, long start, bool prefixed, MigratedField field)
    {
        long end = stream.Position;
        int size = checked((int)(end - start));
        ArraySegment<byte> written = InPlace(stream, start);
        if (written.Count < size || stream is not ByteBufferStream byteStream)
        {
            Append(stream, start, prefixed, [field], [true]);
            return;
        }

        int offset = prefixed ? written.AsSpan(1, size - 1).IndexOf((byte)0) + 2 : 0;
        if (TopLevelScanner.TryFind(written.AsSpan(offset, size - offset), field.NewUtf8, out ElementSpan found))
        {
            int appended = 2 + field.OldUtf8.Length + found.End - found.ValueStart;
            if (!TryAppendInBuffer(byteStream, written, start, offset, end, appended, [field], [found]))
            {
                AppendThroughStream(stream, written, offset, start, end, [field], [found]);
            }
        }
    }

    /// <summary>The written bytes from <paramref name="start"/> where the stream keeps them (the driver's buffers, <c>ToBson</c>'s memory stream).</summary>
    private static ArraySegment<byte> InPlace(BsonStream stream, long start)
    {
        if (start > int.MaxValue)
        {
            return default;
        }

        if (stream is ByteBufferStream byteStream)
        {
            return byteStream.Buffer.AccessBackingBytes((int)start);
        }

        return stream is BsonStreamAdapter { BaseStream: MemoryStream memory } && memory.TryGetBuffer(out ArraySegment<byte> buffer)
            ? buffer[(int)start..(int)memory.Length]
            : default;
    }

    /// <summary>
    /// Appends the old elements of the <paramref name="active"/> <paramref name="fields"/> to the document written from
    /// <paramref name="start"/> to the stream's position. An embedded document's bytes start with its element's type and
    /// name (<paramref name="prefixed"/>): the binary writer writes those with the value.
    /// </summary>
    public static void Append(BsonStream stream, long start, bool prefixed, ReadOnlySpan<MigratedField> fields, ReadOnlySpan<bool> active)
    {
        long end = stream.Position;
        int size = checked((int)(end - start));
        byte[]? rented = null;
        ArraySegment<byte> document = InPlace(stream, start);
        if (document.Count < size)
        {
            // Not in one piece (or not exposed): read the document back.
            rented = ArrayPool<byte>.Shared.Rent(size);
            stream.Position = start;
            stream.ReadExactly(rented, 0, size);
            document = new ArraySegment<byte>(rented, 0, size);
        }

        try
        {
            int offset = prefixed ? document.AsSpan(1, size - 1).IndexOf((byte)0) + 2 : 0;
            ReadOnlySpan<byte> bytes = document.AsSpan(offset, size - offset);

            // All found before anything is written: the first write overwrites the terminator.
            Span<ElementSpan> written = stackalloc ElementSpan[fields.Length];
            for (int i = 0; i < fields.Length; i++)
            {
                written[i] = ElementSpan.Absent;
                if (active[i])
                {
                    TopLevelScanner.TryFind(bytes, fields[i].NewUtf8, out written[i]);
                }
            }

            int appended = 0;
            for (int i = 0; i < fields.Length; i++)
            {
                appended += written[i].IsPresent ? 2 + fields[i].OldUtf8.Length + written[i].End - written[i].ValueStart : 0;
            }

            if (appended == 0)
            {
                return;
            }

            if (rented is not null || stream is not ByteBufferStream byteStream || !TryAppendInBuffer(byteStream, document, start, offset, end, appended, fields, written))
            {
                AppendThroughStream(stream, document, offset, start, end, fields, written);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The driver's streams: the bytes go straight into the buffer behind the stream (no per-write bookkeeping), then
    /// the stream's length and position move past them, as its own writes would leave them.
    /// </summary>
    /// <param name="stream">The stream written to.</param>
    /// <param name="written">The buffer's bytes from <paramref name="start"/> as they were found.</param>
    /// <param name="start">Where the serializer started writing.</param>
    /// <param name="offset">Where the document (its size) starts, from <paramref name="start"/>.</param>
    /// <param name="end">Where the document ends (just after its terminator).</param>
    /// <param name="appended">The bytes the old elements take.</param>
    /// <param name="fields">The fields.</param>
    /// <param name="found">Where each field's new element is in the document; absent for none.</param>
    private static bool TryAppendInBuffer(
        ByteBufferStream stream,
        ArraySegment<byte> written,
        long start,
        int offset,
        long end,
        int appended,
        ReadOnlySpan<MigratedField> fields,
        ReadOnlySpan<ElementSpan> found)
    {
        int size = checked((int)(end - start));
        int newEnd = checked((int)end + appended);
        if (written.Count < size + appended)
        {
            // Not enough room after the document in its piece of the buffer: grow, then look again (growing may move bytes).
            IByteBuffer buffer = stream.Buffer;
            buffer.EnsureCapacity(newEnd);
            buffer.Length = buffer.Capacity;
            written = buffer.AccessBackingBytes((int)start);
            if (written.Count < size + appended)
            {
                return false;
            }
        }

        // The document and the appended bytes meet only at the terminator, which is overwritten first.
        ReadOnlySpan<byte> document = written.AsSpan(offset, size - offset);
        Span<byte> into = written.AsSpan(size - 1, appended + 1);
        int at = 0;
        for (int i = 0; i < fields.Length; i++)
        {
            if (found[i].IsPresent)
            {
                into[at++] = document[found[i].Start];
                fields[i].OldCString.CopyTo(into[at..]);
                at += fields[i].OldCString.Length;
                document[found[i].ValueStart..found[i].End].CopyTo(into[at..]);
                at += found[i].End - found[i].ValueStart;
            }
        }

        into[at] = 0;
        BinaryPrimitives.WriteInt32LittleEndian(written.AsSpan(offset, 4), size - offset + appended);
        stream.SetLength(Math.Max(stream.Length, newEnd));
        stream.Position = newEnd;
        return true;
    }

    /// <summary>Any other seekable stream: overwrite the terminator, write the elements, terminate again, fix the size.</summary>
    private static void AppendThroughStream(
        BsonStream stream, ArraySegment<byte> document, int offset, long start, long end, ReadOnlySpan<MigratedField> fields, ReadOnlySpan<ElementSpan> written)
    {
        stream.Position = end - 1;
        for (int i = 0; i < fields.Length; i++)
        {
            if (written[i].IsPresent)
            {
                byte[] prefix = fields[i].OldElementPrefix(document[offset + written[i].Start]);
                stream.Write(prefix, 0, prefix.Length);
                stream.Write(document.Array!, document.Offset + offset + written[i].ValueStart, written[i].End - written[i].ValueStart);
            }
        }

        stream.WriteByte(0);
        long appendedEnd = stream.Position;
        stream.Position = start + offset;
        stream.WriteInt32(checked((int)(appendedEnd - start - offset)));
        stream.Position = appendedEnd;
    }
}
