using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>
/// A thin <see cref="IBsonReader"/> over the driver's reader that hides, renames or converts a few top-level elements
/// (located beforehand by <see cref="TopLevelScanner"/>), so the class-map serializer reads a migrated document
/// without a <see cref="BsonDocument"/> being built. Used where <see cref="EditedCopyReader"/> cannot be: converts
/// (whose value is served from a one-element document) and streams that do not expose their bytes.
/// </summary>
internal sealed partial class MigratingBsonReader : IBsonReader
{
    [ThreadStatic]
    private static MigratingBsonReader? pooled;

    private readonly ReadEdit[] edits = new ReadEdit[MigrationPlan.MaxFastFields];
    private int editCount;
    private IBsonReader inner = null!;
    private BsonDeserializationContext? context;

    // Depth 1 = among the top-level elements of the document; only there are elements edited.
    private int depth;
    private int elementIndex = -1;

    // The edit whose new name is due when the current element's name is read; -1 for none.
    private int pendingName = -1;

    // While set, calls are served from the converted value instead of the inner reader.
    private BsonDocumentReader? converted;
    private int convertedDepth;

    public BsonType CurrentBsonType => converted is null ? inner.CurrentBsonType : converted.CurrentBsonType;

    public BsonReaderState State => converted is null ? inner.State : converted.State;

    /// <summary>A reader over <paramref name="reader"/> with no edits yet, from a one-per-thread cache when free.</summary>
    public static MigratingBsonReader Rent(IBsonReader reader)
    {
        MigratingBsonReader wrapper = pooled ?? new MigratingBsonReader();
        pooled = null;
        wrapper.inner = reader;
        return wrapper;
    }

    /// <summary>Resets the reader and puts it back in the cache.</summary>
    public void Return()
    {
        Array.Clear(edits, 0, editCount);
        editCount = 0;
        inner = null!;
        depth = 0;
        elementIndex = -1;
        pendingName = -1;
        converted = null;
        convertedDepth = 0;
        pooled = this;
    }

    public void AddEdit(int index, ReadEditKind kind, MigratedField field) =>
        edits[editCount++] = new ReadEdit { ElementIndex = index, Kind = kind, Field = field };

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

    public BsonType ReadBsonType()
    {
        if (converted is not null)
        {
            return converted.ReadBsonType();
        }

        if (depth != 1)
        {
            return inner.ReadBsonType();
        }

        while (true)
        {
            pendingName = -1;
            BsonType type = inner.ReadBsonType();
            if (type == BsonType.EndOfDocument)
            {
                return type;
            }

            int edit = FindEdit(++elementIndex);
            if (edit < 0)
            {
                return type;
            }

            switch (edits[edit].Kind)
            {
                case ReadEditKind.Hide:
                    inner.SkipName();
                    inner.SkipValue();
                    continue;
                case ReadEditKind.Rename:
                    pendingName = edit;
                    return type;
                default:
                    pendingName = edit;
                    return BeginConverted(ref edits[edit]);
            }
        }
    }

    public string ReadName(INameDecoder nameDecoder)
    {
        if (pendingName < 0)
        {
            return converted is null ? inner.ReadName(nameDecoder) : converted.ReadName(nameDecoder);
        }

        string name = TakePendingName();

        // The class map's trie decoder learns the member from the name it is told, as if it had decoded it.
        nameDecoder.Inform(name);
        return name;
    }

    public void SkipName()
    {
        if (pendingName < 0)
        {
            (converted ?? inner).SkipName();
            return;
        }

        TakePendingName();
    }

    public BsonType GetCurrentBsonType() => converted is null ? inner.GetCurrentBsonType() : converted.GetCurrentBsonType();

    public bool IsAtEndOfFile() => inner.IsAtEndOfFile();

    public void PushSettings(Action<BsonReaderSettings> configurator) => inner.PushSettings(configurator);

    public void PopSettings() => inner.PopSettings();

    /// <summary>Does nothing: the inner reader belongs to the caller.</summary>
    public void Close()
    {
    }

    /// <summary>Does nothing: the inner reader belongs to the caller.</summary>
    public void Dispose()
    {
    }

    private int FindEdit(int index)
    {
        for (int i = 0; i < editCount; i++)
        {
            if (edits[i].ElementIndex == index)
            {
                return i;
            }
        }

        return -1;
    }

    private string TakePendingName()
    {
        (converted ?? inner).SkipName();
        string name = edits[pendingName].Field.NewName;
        pendingName = -1;
        return name;
    }

    /// <summary>Reads the old value, converts it and serves it from a one-element document until it is consumed.</summary>
    private BsonType BeginConverted(ref ReadEdit edit)
    {
        inner.SkipName();
        if (edit.Converted is null)
        {
            BsonValue old = BsonValueSerializer.Instance.Deserialize(BsonDeserializationContext.CreateRoot(inner));
            edit.Converted = edit.Field.Migration.Forward(old);
        }
        else
        {
            inner.SkipValue();
        }

        converted = new BsonDocumentReader(new BsonDocument("v", edit.Converted));
        convertedDepth = 0;
        converted.ReadStartDocument();
        return converted.ReadBsonType();
    }

    /// <summary>After a value was read from the converted document: back to the inner reader once it is all consumed.</summary>
    private void ConvertedValueRead()
    {
        if (convertedDepth == 0)
        {
            converted = null;
        }
    }
}
