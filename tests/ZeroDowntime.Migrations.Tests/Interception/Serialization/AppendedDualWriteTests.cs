using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Bson.Serialization.Serializers;
using ZeroDowntime.Migrations.Interception.Serialization;

namespace ZeroDowntime.Migrations.Tests.Interception.Serialization;

/// <summary>Appending old elements to bytes a binary writer has just written, on each kind of stream.</summary>
public sealed class AppendedDualWriteTests
{
    private static readonly MigratedField[] Fields =
    [
        new(FieldMigrationDescriptor<AppendedDocument>.Create(new FieldMigrationBuilder<AppendedDocument>("append-a").InCollection("c").Rename("fullName", d => d.DisplayName))),
        new(FieldMigrationDescriptor<AppendedDocument>.Create(new FieldMigrationBuilder<AppendedDocument>("append-b").InCollection("c").Rename("prénom", d => d.FirstName))),
    ];

    public static TheoryData<string> Streams() => ["buffer", "chunks", "memory", "hidden memory"];

    [Theory]
    [MemberData(nameof(Streams))]
    public void Append_RootDocument_OldElementsLastInFieldOrder(string kind)
    {
        var document = new BsonDocument { { "firstName", "Ada" }, { "displayName", new BsonDocument("x", 1) }, { "n", 1 } };

        BsonDocument written = WriteAndAppend(kind, document, embedded: false, [true, true]);

        Assert.Equal(
            new BsonDocument { { "firstName", "Ada" }, { "displayName", new BsonDocument("x", 1) }, { "n", 1 }, { "fullName", new BsonDocument("x", 1) }, { "prénom", "Ada" } },
            written);
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Append_EmbeddedDocument_PatchesItsOwnSizeAndTheParentStaysReadable(string kind)
    {
        BsonDocument written = WriteAndAppend(kind, new BsonDocument("displayName", "Ada"), embedded: true, [true, false]);

        Assert.Equal(new BsonDocument { { "user", new BsonDocument { { "displayName", "Ada" }, { "fullName", "Ada" } } }, { "after", 1 } }, written);
    }

    [Fact]
    public void Append_NoNewElementWritten_LeavesTheBytesAlone()
    {
        var document = new BsonDocument("other", 1);

        BsonDocument written = WriteAndAppend("buffer", document, embedded: false, [true, true]);

        Assert.Equal(document, written);
    }

    [Fact]
    public void Append_InactiveField_NotAppended()
    {
        BsonDocument written = WriteAndAppend("buffer", new BsonDocument { { "displayName", "x" }, { "firstName", "y" } }, embedded: false, [false, true]);

        Assert.Equal(new BsonDocument { { "displayName", "x" }, { "firstName", "y" }, { "prénom", "y" } }, written);
    }

    [Fact]
    public void TryGetStream_WriterOtherThanBinary_Refuses()
    {
        using var writer = new BsonDocumentWriter([]);

        Assert.False(AppendedDualWrite.TryGetStream(writer, out _));
    }

    /// <summary>Writes <paramref name="document"/> as the serializer would (alone, or as <c>user</c> inside a parent), appends, reads back.</summary>
    private static BsonDocument WriteAndAppend(string kind, BsonDocument document, bool embedded, bool[] active)
    {
        (Stream stream, Func<byte[]> bytes) = NewStream(kind);
        using (stream)
        {
            using var writer = new BsonBinaryWriter(stream);
            Assert.True(AppendedDualWrite.TryGetStream(writer, out BsonStream bsonStream));
            if (embedded)
            {
                writer.WriteStartDocument();
                writer.WriteName("user");
            }

            long start = bsonStream.Position;
            bool prefixed = writer.State == BsonWriterState.Value;
            BsonDocumentSerializer.Instance.Serialize(BsonSerializationContext.CreateRoot(writer), document);
            AppendedDualWrite.Append(bsonStream, start, prefixed, Fields, active);
            if (embedded)
            {
                writer.WriteName("after");
                writer.WriteInt32(1);
                writer.WriteEndDocument();
            }

            writer.Flush();
            return BsonSerializer.Deserialize<BsonDocument>(bytes());
        }
    }

    private static (Stream Stream, Func<byte[]> Bytes) NewStream(string kind)
    {
        switch (kind)
        {
            case "buffer":
            case "chunks":
                IByteBuffer buffer = kind == "buffer"
                    ? new ByteArrayBuffer(new byte[8], 0, isReadOnly: false)
                    : new MultiChunkBuffer(new OutputBufferChunkSource(BsonChunkPool.Default, initialUnpooledChunkSize: 16, minChunkSize: 16, maxChunkSize: 16));
                var byteStream = new ByteBufferStream(buffer, ownsBuffer: true);
                return (byteStream, () =>
                {
                    byte[] bytes = new byte[byteStream.Length];
                    buffer.GetBytes(0, bytes, 0, bytes.Length);
                    return bytes;
                });
            case "memory":
                var memory = new MemoryStream();
                return (memory, memory.ToArray);
            default:
                var hidden = new MemoryStream(new byte[512], 0, 512, writable: true, publiclyVisible: false);
                return (hidden, () => hidden.ToArray()[..(int)hidden.Position]);
        }
    }

    public sealed class AppendedDocument
    {
        [BsonElement("displayName")]
        public BsonValue? DisplayName { get; set; }

        [BsonElement("firstName")]
        public string? FirstName { get; set; }
    }
}
