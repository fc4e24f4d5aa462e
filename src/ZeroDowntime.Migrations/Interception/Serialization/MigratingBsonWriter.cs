using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>
/// A thin <see cref="IBsonWriter"/> over the caller's writer for the dual writes <see cref="AppendedDualWrite"/> cannot
/// do (converts, writers other than the binary one): it notes the value of each migration's new element written at the
/// top level and, when the document ends, writes the old elements after the others with <c>backward</c> of those values
/// (where and in the order <see cref="DocumentShapes.ToWriteShape"/> puts them), without building the whole document.
/// </summary>
internal sealed partial class MigratingBsonWriter : IBsonWriter
{
    // The thread's writer stays in the slot while in use (one thread-static access per document); a nested write gets its own.
    [ThreadStatic]
    private static MigratingBsonWriter? current;

    private readonly MigratedField[] fields = new MigratedField[MigrationPlan.MaxFastFields];
    private readonly BsonValue?[] values = new BsonValue?[MigrationPlan.MaxFastFields];
    private int fieldCount;
    private IBsonWriter inner = null!;
    private BsonSerializationContext? context;
    private bool inUse;

    // Depth 1 = among the top-level elements of the document being written.
    private int depth;

    // The field whose new element's value is being written; -1 for none.
    private int pending = -1;

    // Set while a structured new value (document, array, code with scope) is copied.
    private BsonDocumentWriter? capture;
    private BsonDocument? captured;

    public long Position => inner.Position;

    public int SerializationDepth => inner.SerializationDepth;

    public BsonWriterSettings Settings => inner.Settings;

    public BsonWriterState State => inner.State;

    /// <summary>A writer over <paramref name="writer"/> with no fields yet, from a one-per-thread cache when free.</summary>
    public static MigratingBsonWriter Rent(IBsonWriter writer)
    {
        MigratingBsonWriter? wrapper = current;
        if (wrapper is null || wrapper.inUse)
        {
            wrapper = new MigratingBsonWriter();
            current ??= wrapper;
        }

        wrapper.inUse = true;
        wrapper.inner = writer;
        return wrapper;
    }

    /// <summary>Resets the writer and frees it for the next document.</summary>
    public void Return()
    {
        Array.Clear(fields, 0, fieldCount);
        Array.Clear(values, 0, fieldCount);
        fieldCount = 0;
        inner = null!;
        depth = 0;
        pending = -1;
        capture = null;
        captured = null;
        inUse = false;
    }

    /// <summary>Dual-writes <paramref name="field"/>: its old element is written after the others.</summary>
    public void AddField(MigratedField field) => fields[fieldCount++] = field;

    /// <summary>A root context over this writer with the settings of <paramref name="original"/> (cached while they match).</summary>
    public BsonSerializationContext CreateContext(BsonSerializationContext original)
    {
        if (context is null || context.IsDynamicType != original.IsDynamicType)
        {
            context = NewContext(original);
        }

        return context;
    }

    public void WriteName(string name)
    {
        inner.WriteName(name);
        if (capture is not null)
        {
            capture.WriteName(name);
        }
        else if (depth == 1)
        {
            pending = FindField(name);
        }
    }

    public void Flush() => inner.Flush();

    public void PushSettings(Action<BsonWriterSettings> configurator) => inner.PushSettings(configurator);

    public void PopSettings() => inner.PopSettings();

    public void PushElementNameValidator(IElementNameValidator validator) => inner.PushElementNameValidator(validator);

    public void PopElementNameValidator() => inner.PopElementNameValidator();

    /// <summary>Does nothing: the inner writer belongs to the caller.</summary>
    public void Close()
    {
    }

    /// <summary>Does nothing: the inner writer belongs to the caller.</summary>
    public void Dispose()
    {
    }

    // Separate so the lambda's closure is only allocated on a cache miss, not on every call.
    private BsonSerializationContext NewContext(BsonSerializationContext original) =>
        BsonSerializationContext.CreateRoot(this, builder => builder.IsDynamicType = original.IsDynamicType);

    private int FindField(string name)
    {
        for (int i = 0; i < fieldCount; i++)
        {
            if (string.Equals(fields[i].NewName, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Notes the value of the pending new element.</summary>
    private void Noted(BsonValue value)
    {
        values[pending] = value;
        pending = -1;
    }

    /// <summary>Starts copying a structured new value; returns the copy's writer.</summary>
    private BsonDocumentWriter Capture()
    {
        if (capture is null)
        {
            captured = [];
            capture = new BsonDocumentWriter(captured);
            capture.WriteStartDocument();
            capture.WriteName("v");
        }

        return capture;
    }

    /// <summary>After a write into the copy: once the structured value is complete, notes it.</summary>
    private void Captured()
    {
        if (depth != 1)
        {
            return;
        }

        capture!.WriteEndDocument();
        BsonValue value = captured![0];
        capture = null;
        captured = null;
        Noted(value);
    }

    /// <summary>Before the top-level document ends: the old elements, in field order, with <c>backward</c> of the noted values.</summary>
    private void WriteOldElements()
    {
        for (int i = 0; i < fieldCount; i++)
        {
            if (values[i] is { } value)
            {
                inner.WriteName(fields[i].OldName);
                BsonValueSerializer.Instance.Serialize(BsonSerializationContext.CreateRoot(inner), fields[i].Migration.Backward(value));
            }
        }
    }
}
