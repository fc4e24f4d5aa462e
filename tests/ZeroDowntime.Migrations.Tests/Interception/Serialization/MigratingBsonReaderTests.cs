using System.Text;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization.Attributes;
using ZeroDowntime.Migrations.Interception.Serialization;

namespace ZeroDowntime.Migrations.Tests.Interception.Serialization;

/// <summary>The reader wrapper on its own, driven the way serializers drive a reader.</summary>
public sealed class MigratingBsonReaderTests
{
    private static int forwardCalls;

    private static readonly MigratedField Rename = new(FieldMigrationDescriptor<ReaderDocument>.Create(
        new FieldMigrationBuilder<ReaderDocument>("reader-rename").InCollection("c").Rename("old", d => d.Value)));

    private static readonly MigratedField Convert = new(FieldMigrationDescriptor<ReaderDocument>.Create(
        new FieldMigrationBuilder<ReaderDocument>("reader-convert").InCollection("c").Convert("old", d => d.Value, old =>
        {
            Interlocked.Increment(ref forwardCalls);
            return new BsonDocument { { "text", old }, { "list", new BsonArray { 1, 2 } } };
        })));

    [Fact]
    public void ReadName_RenamedElement_InformsDecoderOfNewName()
    {
        using var inner = Reader(new BsonDocument { { "a", 1 }, { "old", "x" } });
        MigratingBsonReader reader = MigratingBsonReader.Rent(inner);
        reader.AddEdit(1, ReadEditKind.Rename, Rename);
        var decoder = new RecordingDecoder();
        try
        {
            reader.ReadStartDocument();
            Assert.Equal("a", ReadNameAndSkip(reader, decoder));
            Assert.Equal(BsonType.String, reader.ReadBsonType());
            string name = reader.ReadName(decoder);
            Assert.Equal("x", reader.ReadString());

            Assert.Equal("value", name);
            Assert.Equal("value", decoder.Informed);
            Assert.Equal(BsonType.EndOfDocument, reader.ReadBsonType());
        }
        finally
        {
            reader.Return();
        }
    }

    [Fact]
    public void ReadBsonType_HiddenLastElement_ReachesEndOfDocument()
    {
        using var inner = Reader(new BsonDocument { { "a", 1 }, { "old", new BsonDocument("deep", 1) } });
        MigratingBsonReader reader = MigratingBsonReader.Rent(inner);
        reader.AddEdit(1, ReadEditKind.Hide, Rename);
        try
        {
            reader.ReadStartDocument();
            ReadNameAndSkip(reader, Utf8NameDecoder.Instance);

            Assert.Equal(BsonType.EndOfDocument, reader.ReadBsonType());
            reader.ReadEndDocument();
            Assert.True(inner.IsAtEndOfFile());
        }
        finally
        {
            reader.Return();
        }
    }

    [Fact]
    public void ReturnToBookmark_InsideConvertedValue_ServesItAgainWithoutConvertingTwice()
    {
        using var inner = Reader(new BsonDocument { { "old", "x" }, { "b", 2 } });
        MigratingBsonReader reader = MigratingBsonReader.Rent(inner);
        reader.AddEdit(0, ReadEditKind.Convert, Convert);
        int before = Volatile.Read(ref forwardCalls);
        try
        {
            BsonReaderBookmark start = reader.GetBookmark();
            string first = ReadAll(reader);
            reader.ReturnToBookmark(start);
            string second = ReadAll(reader);

            Assert.Equal("value:{text:x,list:[1,2,],},b:2,", first);
            Assert.Equal(first, second);
            Assert.Equal(before + 1, Volatile.Read(ref forwardCalls));
        }
        finally
        {
            reader.Return();
        }
    }

    [Fact]
    public void ReturnToBookmark_TakenMidwayThroughConvertedValue_ResumesThere()
    {
        using var inner = Reader(new BsonDocument { { "old", "x" }, { "b", 2 } });
        MigratingBsonReader reader = MigratingBsonReader.Rent(inner);
        reader.AddEdit(0, ReadEditKind.Convert, Convert);
        try
        {
            reader.ReadStartDocument();
            Assert.Equal(BsonType.Document, reader.ReadBsonType());
            reader.ReadName(Utf8NameDecoder.Instance);
            reader.ReadStartDocument();
            BsonReaderBookmark inside = reader.GetBookmark();
            Assert.Equal("text", ReadNameAndSkip(reader, Utf8NameDecoder.Instance));
            reader.ReturnToBookmark(inside);

            Assert.Equal(BsonType.String, reader.ReadBsonType());
            Assert.Equal("text", reader.ReadName(Utf8NameDecoder.Instance));
            Assert.Equal("x", reader.ReadString());
            Assert.Equal("list", ReadNameAndSkip(reader, Utf8NameDecoder.Instance));
            Assert.Equal(BsonType.EndOfDocument, reader.ReadBsonType());
            reader.ReadEndDocument();
            Assert.Equal("b", ReadNameAndSkip(reader, Utf8NameDecoder.Instance));
        }
        finally
        {
            reader.Return();
        }
    }

    [Fact]
    public void ReturnToBookmark_ForeignBookmark_Throws()
    {
        using var inner = Reader(new BsonDocument("a", 1));
        MigratingBsonReader reader = MigratingBsonReader.Rent(inner);
        try
        {
            Assert.Throws<ArgumentException>(() => reader.ReturnToBookmark(inner.GetBookmark()));
        }
        finally
        {
            reader.Return();
        }
    }

    private static BsonBinaryReader Reader(BsonDocument document)
    {
        var reader = new BsonBinaryReader(new MemoryStream(document.ToBson()));
        reader.ReadBsonType();
        return reader;
    }

    private static string ReadNameAndSkip(IBsonReader reader, INameDecoder decoder)
    {
        reader.ReadBsonType();
        string name = reader.ReadName(decoder);
        reader.SkipValue();
        return name;
    }

    /// <summary>Reads a whole document element by element into a compact text.</summary>
    private static string ReadAll(IBsonReader reader)
    {
        var text = new StringBuilder();
        reader.ReadStartDocument();
        while (reader.ReadBsonType() != BsonType.EndOfDocument)
        {
            text.Append(reader.ReadName(Utf8NameDecoder.Instance)).Append(':');
            ReadValue(reader, text);
            text.Append(',');
        }

        reader.ReadEndDocument();
        return text.ToString();
    }

    private static void ReadValue(IBsonReader reader, StringBuilder text)
    {
        switch (reader.GetCurrentBsonType())
        {
            case BsonType.Document:
                text.Append('{').Append(ReadAll(reader)).Append('}');
                break;
            case BsonType.Array:
                text.Append('[');
                reader.ReadStartArray();
                while (reader.ReadBsonType() != BsonType.EndOfDocument)
                {
                    ReadValue(reader, text);
                    text.Append(',');
                }

                reader.ReadEndArray();
                text.Append(']');
                break;
            case BsonType.String:
                text.Append(reader.ReadString());
                break;
            default:
                text.Append(reader.ReadInt32());
                break;
        }
    }

    public sealed class ReaderDocument
    {
        [BsonElement("value")]
        public BsonValue? Value { get; set; }
    }

    private sealed class RecordingDecoder : INameDecoder
    {
        public string? Informed { get; private set; }

        public string Decode(BsonStream stream, UTF8Encoding encoding) => stream.ReadCString(encoding);

        public void Inform(string name) => Informed = name;
    }
}
