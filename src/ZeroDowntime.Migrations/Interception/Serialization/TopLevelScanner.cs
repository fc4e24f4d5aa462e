using System.Buffers;
using System.Buffers.Binary;
using MongoDB.Bson.IO;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>
/// Finds where the old and new elements of each migration sit among the top-level elements of the BSON document
/// a stream is positioned at, comparing names as UTF-8 bytes and skipping values; the stream position is unchanged.
/// </summary>
internal static class TopLevelScanner
{
    /// <summary>
    /// Fills <paramref name="oldIndexes"/> with the element index of each field's old element (-1 when absent) and
    /// <paramref name="newPresent"/> with whether its new element is present. Returns false when the bytes cannot be
    /// scanned (malformed, a name repeated, unseekable stream): the caller falls back to the path that reports it.
    /// </summary>
    public static bool TryScan(BsonStream stream, MigratedField[] fields, Span<int> oldIndexes, Span<bool> newPresent)
    {
        long start = stream.Position;

        // The driver's streams expose their bytes: scan them in place when the document is in one piece.
        if (stream is ByteBufferStream byteStream && start <= int.MaxValue)
        {
            ArraySegment<byte> bytes = byteStream.Buffer.AccessBackingBytes((int)start);
            if (bytes.Count >= 4)
            {
                int size = BinaryPrimitives.ReadInt32LittleEndian(bytes);
                if (size >= 5 && size <= bytes.Count)
                {
                    return TryScan(bytes.AsSpan(0, size), fields, oldIndexes, newPresent);
                }
            }
        }

        return TryScanCopy(stream, start, fields, oldIndexes, newPresent);
    }

    /// <summary>Scans a whole BSON document held in <paramref name="document"/>.</summary>
    public static bool TryScan(ReadOnlySpan<byte> document, MigratedField[] fields, Span<int> oldIndexes, Span<bool> newPresent)
    {
        oldIndexes[..fields.Length].Fill(-1);
        newPresent[..fields.Length].Clear();
        if (document.Length < 5 || BinaryPrimitives.ReadInt32LittleEndian(document) != document.Length)
        {
            return false;
        }

        int position = 4;
        for (int index = 0; ; index++)
        {
            byte type = document[position++];
            if (type == 0)
            {
                return position == document.Length;
            }

            int nameLength = document[position..].IndexOf((byte)0);
            if (nameLength < 0)
            {
                return false;
            }

            if (!Match(document.Slice(position, nameLength), index, fields, oldIndexes, newPresent))
            {
                return false;
            }

            position += nameLength + 1;
            int valueLength = ValueLength(type, document[position..]);
            if (valueLength < 0 || valueLength > document.Length - 1 - position)
            {
                return false;
            }

            position += valueLength;
        }
    }

    private static bool TryScanCopy(BsonStream stream, long start, MigratedField[] fields, Span<int> oldIndexes, Span<bool> newPresent)
    {
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
            return TryScan(copy.AsSpan(0, size), fields, oldIndexes, newPresent);
        }
        finally
        {
            stream.Position = start;
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>Records a match of <paramref name="name"/>; false for a second element of the same name.</summary>
    private static bool Match(ReadOnlySpan<byte> name, int index, MigratedField[] fields, Span<int> oldIndexes, Span<bool> newPresent)
    {
        for (int i = 0; i < fields.Length; i++)
        {
            MigratedField field = fields[i];
            if (field.IsDerive)
            {
                continue;
            }

            if (name.SequenceEqual(field.OldUtf8))
            {
                if (oldIndexes[i] >= 0)
                {
                    return false;
                }

                oldIndexes[i] = index;
            }
            else if (name.SequenceEqual(field.NewUtf8))
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

    /// <summary>The length of a value of BSON <paramref name="type"/> starting <paramref name="value"/>; -1 when unknown or cut short.</summary>
    private static int ValueLength(byte type, ReadOnlySpan<byte> value)
    {
        switch (type)
        {
            case 0x06 or 0x0A or 0x7F or 0xFF: // undefined, null, max key, min key
                return 0;
            case 0x08: // boolean
                return 1;
            case 0x10: // int32
                return 4;
            case 0x01 or 0x09 or 0x11 or 0x12: // double, date, timestamp, int64
                return 8;
            case 0x07: // object id
                return 12;
            case 0x13: // decimal128
                return 16;
            case 0x02 or 0x0D or 0x0E: // string, JavaScript, symbol: int32 length (with the terminator) + bytes
                return value.Length < 4 ? -1 : Checked(4L + BinaryPrimitives.ReadInt32LittleEndian(value), 5);
            case 0x03 or 0x04 or 0x0F: // document, array, JavaScript with scope: the int32 counts itself
                return value.Length < 4 ? -1 : Checked(BinaryPrimitives.ReadInt32LittleEndian(value), 5);
            case 0x05: // binary: int32 length + subtype + bytes
                return value.Length < 4 ? -1 : Checked(5L + BinaryPrimitives.ReadInt32LittleEndian(value), 5);
            case 0x0C: // DBPointer: string + object id
                return value.Length < 4 ? -1 : Checked(16L + BinaryPrimitives.ReadInt32LittleEndian(value), 17);
            case 0x0B: // regular expression: two cstrings
                int pattern = value.IndexOf((byte)0);
                int options = pattern < 0 ? -1 : value[(pattern + 1)..].IndexOf((byte)0);
                return options < 0 ? -1 : pattern + options + 2;
            default:
                return -1;
        }
    }

    private static int Checked(long length, int minimum) => length < minimum || length > int.MaxValue ? -1 : (int)length;
}
