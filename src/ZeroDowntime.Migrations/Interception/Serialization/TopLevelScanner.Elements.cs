using System.Buffers.Binary;
using System.Numerics;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>Parsing single elements of a BSON document held in a span.</summary>
internal static partial class TopLevelScanner
{
    private const sbyte Variable = -1;

    /// <summary>The value size of each BSON type byte when fixed; -1 for variable sizes, -2 for unknown types.</summary>
    private static ReadOnlySpan<sbyte> FixedSizes =>
    [
        -2, 8, -1, -1, -1, -1, 0, 12, 1, 8, 0, -1, -1, -1, -1, -1, 4, 8, 8, 16, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2,
        -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2,
        -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2,
        -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, 0,
        -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2,
        -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2,
        -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2,
        -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, 0,
    ];

    /// <summary>Finds the top-level element named <paramref name="name"/> (UTF-8, no terminator) in a well-formed document.</summary>
    /// <remarks>For documents just written, where the element is nearly always there: a plain walk, no search first.</remarks>
    public static bool TryFind(ReadOnlySpan<byte> document, byte[] name, out ElementSpan element)
    {
        element = ElementSpan.Absent;
        int position = 4;
        for (int index = 0; document[position] != 0; index++)
        {
            if (!TryReadElement(document, ref position, out int start, out int valueStart))
            {
                return false;
            }

            if (valueStart - start - 2 == name.Length && document[(start + 1)..(valueStart - 1)].SequenceEqual(name))
            {
                element = new ElementSpan { Index = index, Start = start, ValueStart = valueStart, End = position };
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Parses the element (not the terminator) at <paramref name="position"/> and moves past it; false when the bytes
    /// are malformed (an element must leave room for the document's terminator).
    /// </summary>
    private static bool TryReadElement(ReadOnlySpan<byte> document, ref int position, out int start, out int valueStart)
    {
        int last = document.Length - 1;
        start = position;
        valueStart = 0;
        byte type = document[position];
        int nameEnd = NameEnd(document, position + 1, last);
        if (nameEnd < 0)
        {
            return false;
        }

        valueStart = nameEnd + 1;
        int valueLength = FixedSizes[type];
        if (valueLength == Variable && valueStart <= last - 4)
        {
            // Strings and embedded documents are most variable-size values: sized here, the rest by VariableLength.
            int size = BinaryPrimitives.ReadInt32LittleEndian(document[valueStart..]);
            valueLength = type switch
            {
                0x02 or 0x0D or 0x0E when size > 0 => 4 + size,
                0x03 or 0x04 or 0x0F when size >= 5 => size,
                _ => VariableLength(type, document[valueStart..last]),
            };
        }
        else if (valueLength < 0)
        {
            valueLength = valueLength == Variable ? VariableLength(type, document[valueStart..last]) : -1;
        }

        if (valueLength < 0 || valueLength > last - valueStart)
        {
            return false;
        }

        position = valueStart + valueLength;
        return true;
    }

    /// <summary>
    /// Where the cstring from <paramref name="from"/> ends (its terminator), before <paramref name="last"/>; -1 when it
    /// does not. Eight bytes at a time: in <c>(v - 0x01..) &amp; ~v &amp; 0x80..</c> the lowest set bit marks the first zero byte.
    /// </summary>
    private static int NameEnd(ReadOnlySpan<byte> document, int from, int last)
    {
        int at = from;
        while (at + 8 <= last)
        {
            ulong bytes = BinaryPrimitives.ReadUInt64LittleEndian(document[at..]);
            ulong zeros = (bytes - 0x0101010101010101UL) & ~bytes & 0x8080808080808080UL;
            if (zeros != 0)
            {
                return at + (BitOperations.TrailingZeroCount(zeros) >> 3);
            }

            at += 8;
        }

        while (at < last && document[at] != 0)
        {
            at++;
        }

        return at < last ? at : -1;
    }

    /// <summary>The next occurrence of <paramref name="name"/> at or after <paramref name="from"/>; -1 when none.</summary>
    private static int Next(ReadOnlySpan<byte> document, int from, byte[] name)
    {
        int at = document[from..].IndexOf(name);
        return at < 0 ? -1 : from + at;
    }

    /// <summary>The length of a variable-size value within <paramref name="value"/>; -1 when invalid.</summary>
    private static int VariableLength(byte type, ReadOnlySpan<byte> value)
    {
        if (type == 0x0B)
        {
            // Regular expression: two cstrings.
            int pattern = value.IndexOf((byte)0);
            int options = pattern < 0 ? -1 : value[(pattern + 1)..].IndexOf((byte)0);
            return options < 0 ? -1 : pattern + options + 2;
        }

        if (value.Length < 4)
        {
            return -1;
        }

        long length = BinaryPrimitives.ReadInt32LittleEndian(value);
        (length, int minimum) = type switch
        {
            0x02 or 0x0D or 0x0E => (4 + length, 5), // string, JavaScript, symbol: int32 length (with terminator) + bytes
            0x03 or 0x04 or 0x0F => (length, 5), // document, array, JavaScript with scope: the int32 counts itself
            0x05 => (5 + length, 5), // binary: int32 length + subtype + bytes
            _ => (16 + length, 17), // DBPointer: string + object id
        };

        return length < minimum || length > int.MaxValue ? -1 : (int)length;
    }
}
