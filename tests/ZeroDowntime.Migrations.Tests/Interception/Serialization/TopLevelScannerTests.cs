using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization.Attributes;
using ZeroDowntime.Migrations.Interception.Serialization;

namespace ZeroDowntime.Migrations.Tests.Interception.Serialization;

/// <summary>The pre-scan: element positions by raw name, every BSON type skipped, malformed input refused.</summary>
public sealed class TopLevelScannerTests
{
    private static readonly MigratedField[] Fields =
    [
        new(FieldMigrationDescriptor<ScannedDocument>.Create(new FieldMigrationBuilder<ScannedDocument>("scan-a").InCollection("c").Rename("fullName", d => d.DisplayName))),
        new(FieldMigrationDescriptor<ScannedDocument>.Create(new FieldMigrationBuilder<ScannedDocument>("scan-b").InCollection("c").Rename("prénom", d => d.FirstName))),
    ];

    [Fact]
    public void TryScan_EveryBsonTypeBeforeTheNames_CountsEachElement()
    {
        var document = new BsonDocument
        {
            { "double", 1.5 }, { "string", "s" }, { "doc", new BsonDocument("fullName", 1) }, { "array", new BsonArray { 1, "x" } },
            { "binary", new BsonBinaryData([1, 2, 3]) }, { "undefined", BsonUndefined.Value }, { "oid", ObjectId.GenerateNewId() },
            { "bool", true }, { "date", new BsonDateTime(0) }, { "null", BsonNull.Value }, { "regex", new BsonRegularExpression("a.*", "i") },
            { "code", new BsonJavaScript("f()") }, { "symbol", BsonSymbol.Create("sym") }, { "scoped", new BsonJavaScriptWithScope("g()", new BsonDocument("x", 1)) },
            { "int", 1 }, { "timestamp", new BsonTimestamp(5) }, { "long", 2L }, { "decimal", new BsonDecimal128(1.25m) },
            { "min", BsonMinKey.Value }, { "max", BsonMaxKey.Value }, { "prénom", "Ada" }, { "displayName", "x" }, { "fullName", "y" },
        };

        (bool scanned, int[] oldIndexes, bool[] newPresent) = Scan(document.ToBson());

        Assert.True(scanned);
        Assert.Equal([22, 20], oldIndexes);
        Assert.Equal([true, false], newPresent);
    }

    [Fact]
    public void TryScan_NamesSharingAPrefix_DoNotMatch()
    {
        (bool scanned, int[] oldIndexes, bool[] newPresent) = Scan(new BsonDocument { { "fullNam", 1 }, { "fullNameX", 1 }, { "displayNames", 1 } }.ToBson());

        Assert.True(scanned);
        Assert.Equal([-1, -1], oldIndexes);
        Assert.Equal([false, false], newPresent);
    }

    [Fact]
    public void TryScan_RepeatedOldName_Refuses()
    {
        var document = new BsonDocument(allowDuplicateNames: true) { { "fullName", 1 }, { "fullName", 2 } };

        Assert.False(Scan(document.ToBson()).Scanned);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void TryScan_MalformedBytes_Refuses(int damage)
    {
        byte[] bytes = new BsonDocument { { "a", "text" }, { "fullName", 1 } }.ToBson();
        switch (damage)
        {
            case 0: bytes[0]++; break; // size disagrees with the length
            case 1: bytes[^1] = 1; break; // no terminator
            default: bytes[4] = 0x42; break; // unknown type
        }

        Assert.False(Scan(bytes).Scanned);
    }

    [Fact]
    public void TryScan_StreamWithoutBackingBytes_GivesTheSameAnswerAndKeepsPosition()
    {
        byte[] bytes = new BsonDocument { { "x", 1 }, { "fullName", "y" }, { "displayName", 2 } }.ToBson();
        using var stream = new BsonStreamAdapter(new MemoryStream(bytes));
        int[] oldIndexes = new int[2];
        bool[] newPresent = new bool[2];

        bool scanned = TopLevelScanner.TryScan(stream, Fields, oldIndexes, newPresent);

        Assert.True(scanned);
        Assert.Equal([1, -1], oldIndexes);
        Assert.Equal([true, false], newPresent);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void TryScan_DocumentAcrossBufferChunks_ScansACopy()
    {
        byte[] bytes = new BsonDocument { { "padding", new string('p', 40) }, { "fullName", "y" } }.ToBson();
        var chunks = new List<IBsonChunk> { new ByteArrayChunk(bytes[..20]), new ByteArrayChunk(bytes[20..]) };
        using var stream = new ByteBufferStream(new MultiChunkBuffer(chunks, bytes.Length, isReadOnly: true));
        int[] oldIndexes = new int[2];
        bool[] newPresent = new bool[2];

        bool scanned = TopLevelScanner.TryScan(stream, Fields, oldIndexes, newPresent);

        Assert.True(scanned);
        Assert.Equal(1, oldIndexes[0]);
        Assert.Equal(0, stream.Position);
    }

    private static (bool Scanned, int[] OldIndexes, bool[] NewPresent) Scan(byte[] bytes)
    {
        using var stream = new ByteBufferStream(new ByteArrayBuffer(bytes, isReadOnly: true));
        int[] oldIndexes = new int[2];
        bool[] newPresent = new bool[2];
        bool scanned = TopLevelScanner.TryScan(stream, Fields, oldIndexes, newPresent);
        Assert.Equal(0, stream.Position);
        return (scanned, oldIndexes, newPresent);
    }

    public sealed class ScannedDocument
    {
        [BsonElement("displayName")]
        public string? DisplayName { get; set; }

        [BsonElement("firstName")]
        public string? FirstName { get; set; }
    }
}
