using System.Buffers.Binary;
using System.Numerics;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>
/// A binary reader over a per-thread buffer into which a document is copied with old elements dropped or renamed, so
/// the class map reads a migrated document with the driver's own reader code and nothing in between: copying ~100
/// bytes is cheaper than intercepting every read. Raw documents and arrays are handed out as copies, so nothing the
/// class map keeps points into the reused buffer.
/// </summary>
internal sealed class EditedCopyReader : BsonBinaryReader
{
    /// <summary>Larger documents take the wrapper path rather than grow a buffer kept per thread.</summary>
    public const int MaxDocumentSize = 64 * 1024;

    // The thread's reader stays in the slot while in use (one thread-static access per document); a nested read gets its own.
    [ThreadStatic]
    private static EditedCopyReader? current;

    private readonly byte[] buffer;
    private BsonDeserializationContext? context;
    private bool inUse;

    private EditedCopyReader(byte[] buffer, BsonBinaryReaderSettings settings)
        : base(new ByteBufferStream(new ByteArrayBuffer(buffer, buffer.Length, isReadOnly: true), ownsBuffer: true), settings)
    {
        this.buffer = buffer;
    }

    /// <summary>A reader with room for <paramref name="size"/> bytes and the same settings as <paramref name="original"/>.</summary>
    public static EditedCopyReader Rent(int size, BsonBinaryReader original)
    {
        EditedCopyReader? reader = current;
        if (reader is null || reader.inUse || reader.buffer.Length < size || !SameSettings(reader.Settings, original.Settings))
        {
            var created = new EditedCopyReader(new byte[Math.Max(1024, (int)BitOperations.RoundUpToPowerOf2((uint)size))], original.Settings);
            if (reader is null || !reader.inUse)
            {
                current = created;
            }

            reader = created;
        }

        reader.inUse = true;
        return reader;
    }

    /// <summary>Frees the reader for the next document; one stopped midway (by an exception) is dropped.</summary>
    public void Return()
    {
        inUse = false;
        if (State != BsonReaderState.Initial && ReferenceEquals(current, this))
        {
            current = null;
        }
    }

    /// <summary>Copies <paramref name="document"/> into the buffer with its one old element dropped or renamed, and positions the reader on it.</summary>
    /// <param name="document">The original document.</param>
    /// <param name="old">Where the old element is.</param>
    /// <param name="newName">The new name with its terminator, or null to drop the element.</param>
    public void Load(ReadOnlySpan<byte> document, ElementSpan old, byte[]? newName)
    {
        Span<byte> target = buffer;
        int written = Copy(document, target, 0, 0, old, newName);
        document[old.End..].CopyTo(target[written..]);
        written += document.Length - old.End;
        BinaryPrimitives.WriteInt32LittleEndian(target, written);
        BsonStream.Position = 0;
    }

    /// <summary>Copies <paramref name="document"/> into the buffer with the edits applied and positions the reader on it.</summary>
    /// <param name="document">The original document.</param>
    /// <param name="order">The fields to edit, in the document order of their old elements.</param>
    /// <param name="olds">Where each field's old element is.</param>
    /// <param name="kinds">Per field: drop (<see cref="ReadEditKind.Hide"/>) or rename the old element.</param>
    /// <param name="fields">The fields.</param>
    public void Load(ReadOnlySpan<byte> document, ReadOnlySpan<int> order, ReadOnlySpan<ElementSpan> olds, ReadOnlySpan<ReadEditKind> kinds, MigratedField[] fields)
    {
        Span<byte> target = buffer;
        int written = 0;
        int copied = 0;
        foreach (int field in order)
        {
            written = Copy(document, target, written, copied, olds[field], kinds[field] == ReadEditKind.Rename ? fields[field].NewCString : null);
            copied = olds[field].End;
        }

        document[copied..].CopyTo(target[written..]);
        written += document.Length - copied;
        BinaryPrimitives.WriteInt32LittleEndian(target, written);
        BsonStream.Position = 0;
    }

    /// <summary>A root context over this reader with the settings of <paramref name="original"/> (cached while they match).</summary>
    public BsonDeserializationContext CreateContext(BsonDeserializationContext original)
    {
        if (context is null || context.AllowDuplicateElementNames != original.AllowDuplicateElementNames
            || context.DynamicArraySerializer != original.DynamicArraySerializer
            || context.DynamicDocumentSerializer != original.DynamicDocumentSerializer)
        {
            context = ReaderContexts.Create(this, original);
        }

        return context;
    }

    public override IByteBuffer ReadRawBsonArray() => Detached(base.ReadRawBsonArray());

    public override IByteBuffer ReadRawBsonDocument() => Detached(base.ReadRawBsonDocument());

    /// <summary>Copies the bytes from <paramref name="copied"/> up to <paramref name="old"/>, then the old element renamed (or nothing).</summary>
    private static int Copy(ReadOnlySpan<byte> document, Span<byte> target, int written, int copied, ElementSpan old, byte[]? newName)
    {
        document[copied..old.Start].CopyTo(target[written..]);
        written += old.Start - copied;
        if (newName is not null)
        {
            target[written++] = document[old.Start];
            newName.CopyTo(target[written..]);
            written += newName.Length;
            document[old.ValueStart..old.End].CopyTo(target[written..]);
            written += old.End - old.ValueStart;
        }

        return written;
    }

    private static ByteArrayBuffer Detached(IByteBuffer slice)
    {
        using (slice)
        {
            byte[] bytes = new byte[slice.Length];
            slice.GetBytes(0, bytes, 0, bytes.Length);
            return new ByteArrayBuffer(bytes, isReadOnly: true);
        }
    }

    private static bool SameSettings(BsonBinaryReaderSettings a, BsonBinaryReaderSettings b) =>
        ReferenceEquals(a, b) || (a.Encoding.Equals(b.Encoding) && a.FixOldBinarySubTypeOnInput == b.FixOldBinarySubTypeOnInput
            && a.FixOldDateTimeMaxValueOnInput == b.FixOldDateTimeMaxValueOnInput && a.MaxDocumentSize == b.MaxDocumentSize);
}
