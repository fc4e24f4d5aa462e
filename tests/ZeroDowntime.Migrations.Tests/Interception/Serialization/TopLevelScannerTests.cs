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
    public void TryScan_OldNameOnlyInsideValues_NotFound()
    {
        var document = new BsonDocument { { "s", "fullName" }, { "doc", new BsonDocument("fullName", 1) }, { "xfullName", 2 }, { "re", new BsonRegularExpression("a") } };

        (bool scanned, int[] oldIndexes, _) = Scan(document.ToBson());

        Assert.True(scanned);
        Assert.Equal([-1, -1], oldIndexes);
    }

    [Fact]
    public void TryScan_ShortRegularExpressionLast_Scanned()
    {
        (bool scanned, int[] oldIndexes, _) = Scan(new BsonDocument { { "fullName", 1 }, { "re", new BsonRegularExpression("") } }.ToBson());

        Assert.True(scanned);
        Assert.Equal([0, -1], oldIndexes);
    }

    [Fact]
    public void TryScan_RepeatedOldName_ReportsTheFirst()
    {
        var document = new BsonDocument(allowDuplicateNames: true) { { "fullName", 1 }, { "fullName", 2 } };

        (bool scanned, int[] oldIndexes, _) = Scan(document.ToBson());

        Assert.True(scanned);
        Assert.Equal([0, -1], oldIndexes);
    }

    [Fact]
    public void TryScan_NewNameInsideAValueAfterTheOld_NotPresent()
    {
        var document = new BsonDocument { { "fullName", 1 }, { "s", "displayName" }, { "d", new BsonDocument("displayName", 1) } };
        var olds = new ElementSpan[2];
        bool[] newPresent = new bool[2];

        Assert.True(TopLevelScanner.TryScan(document.ToBson(), Fields, olds, newPresent));

        Assert.Equal(0, olds[0].Index);
        Assert.False(newPresent[0]);
    }

    [Fact]
    public void TryScan_NewElementAfterTheOld_Present()
    {
        var document = new BsonDocument { { "fullName", 1 }, { "s", "displayName" }, { "displayName", 2 } };
        var olds = new ElementSpan[2];
        bool[] newPresent = new bool[2];

        Assert.True(TopLevelScanner.TryScan(document.ToBson(), Fields, olds, newPresent));

        Assert.Equal(0, olds[0].Index);
        Assert.True(newPresent[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void TryScan_MalformedBytesBeforeTheMatch_Refuses(int damage)
    {
        byte[] bytes = new BsonDocument { { "a", "text" }, { "fullName", 1 } }.ToBson();
        switch (damage)
        {
            case 0: bytes[0]++; break; // size disagrees with the length
            case 1: bytes[7] = 0x7F; break; // the string's length runs past the end
            default: bytes[4] = 0x42; break; // unknown type
        }

        Assert.False(Scan(bytes).Scanned);
    }

    [Fact]
    public void TryScan_DamageAfterTheLastMatch_LeftToTheClassMap()
    {
        byte[] bytes = new BsonDocument { { "fullName", 1 }, { "a", "text" } }.ToBson();
        bytes[^1] = 1; // no terminator: reading the document reports it

        (bool scanned, int[] oldIndexes, _) = Scan(bytes);

        Assert.True(scanned);
        Assert.Equal([0, -1], oldIndexes);
    }

    [Fact]
    public void TryScanCopy_StreamWithoutBackingBytes_GivesTheSameAnswerAndKeepsPosition()
    {
        byte[] bytes = new BsonDocument { { "x", 1 }, { "fullName", "y" }, { "displayName", 2 } }.ToBson();
        using var stream = new BsonStreamAdapter(new MemoryStream(bytes));
        var olds = new ElementSpan[2];
        bool[] newPresent = new bool[2];

        bool inPlace = TopLevelScanner.TryGetInPlace(stream, out _);
        bool scanned = TopLevelScanner.TryScanCopy(stream, Fields, olds, newPresent);

        Assert.False(inPlace);
        Assert.True(scanned);
        Assert.Equal([1, -1], olds.Select(o => o.Index));
        Assert.Equal([true, false], newPresent);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void TryGetInPlace_DocumentAcrossBufferChunks_RefusesSoTheCopyIsScanned()
    {
        byte[] bytes = new BsonDocument { { "padding", new string('p', 40) }, { "fullName", "y" } }.ToBson();
        var chunks = new List<IBsonChunk> { new ByteArrayChunk(bytes[..20]), new ByteArrayChunk(bytes[20..]) };
        using var stream = new ByteBufferStream(new MultiChunkBuffer(chunks, bytes.Length, isReadOnly: true));
        var olds = new ElementSpan[2];
        bool[] newPresent = new bool[2];

        bool inPlace = TopLevelScanner.TryGetInPlace(stream, out _);
        bool scanned = TopLevelScanner.TryScanCopy(stream, Fields, olds, newPresent);

        Assert.False(inPlace);
        Assert.True(scanned);
        Assert.Equal(1, olds[0].Index);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void TryScan_FoundElement_ReportsItsBytes()
    {
        byte[] bytes = new BsonDocument { { "a", 1 }, { "fullName", "xy" }, { "b", 2 } }.ToBson();
        var olds = new ElementSpan[2];

        Assert.True(TopLevelScanner.TryScan(bytes, Fields, olds, new bool[2]));

        // a: 1 type + 2 name + 4 value = 7 bytes after the 4-byte size; fullName: 1 + 9 + (4 + 3).
        Assert.Equal(11, olds[0].Start);
        Assert.Equal(21, olds[0].ValueStart);
        Assert.Equal(28, olds[0].End);
        Assert.Equal("fullName", System.Text.Encoding.UTF8.GetString(bytes, olds[0].Start + 1, olds[0].ValueStart - olds[0].Start - 2));
    }

    public static TheoryData<string> Shapes() =>
    [
        "{ fullName: 1 }",
        "{ a: 1, displayName: 2, fullName: 3, b: 4 }",
        "{ fullName: 'x', a: { displayName: 1 }, displayName: 2 }",
        "{ fullName: 'x', s: 'displayName', d: { displayName: 1 } }",
        "{ s: 'fullName', d: { fullName: 1 }, fullName: 2 }",
        "{ a: [ { fullName: 1 } ], b: /fullName/ }",
        "{ displayName: 1 }",
        "{ }",
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TryScan_OneField_AgreesWithTheManyFieldsScan(string json)
    {
        byte[] bytes = BsonDocument.Parse(json).ToBson();
        var olds = new ElementSpan[2];
        bool[] newPresent = new bool[2];

        bool many = TopLevelScanner.TryScan(bytes, Fields, olds, newPresent);
        bool one = TopLevelScanner.TryScan(bytes, Fields[0], out ElementSpan old, out bool newFound);

        Assert.True(many);
        Assert.True(one);
        Assert.Equal(olds[0], old);
        Assert.Equal(olds[0].IsPresent && newPresent[0], old.IsPresent && newFound);
    }

    [Fact]
    public void TryScan_OneDeriveField_LooksForNothing()
    {
        var derive = new MigratedField(FieldMigrationDescriptor<ScannedDocument>.Create(
            new FieldMigrationBuilder<ScannedDocument>("scan-derive").InCollection("c").Derive<NoResolver>("fullName", d => d.DisplayName)));

        Assert.True(TopLevelScanner.TryScan(BsonDocument.Parse("{ fullName: 1 }").ToBson(), derive, out ElementSpan old, out _));

        Assert.False(old.IsPresent);
    }

    [Theory]
    [InlineData("{ a: 1, displayName: 2 }", 1)]
    [InlineData("{ s: 'displayName', d: { displayName: 1 }, displayName: 2 }", 2)]
    [InlineData("{ s: 'displayName', d: { displayName: 1 } }", -1)]
    [InlineData("{ displayNames: 1, xdisplayName: 2 }", -1)]
    public void TryFind_WrittenDocument_FindsOnlyTheTopLevelElement(string json, int expected)
    {
        Assert.Equal(expected >= 0, TopLevelScanner.TryFind(BsonDocument.Parse(json).ToBson(), Fields[0].NewUtf8, out ElementSpan found));

        Assert.Equal(expected, found.Index);
    }

    private static (bool Scanned, int[] OldIndexes, bool[] NewPresent) Scan(byte[] bytes)
    {
        using var stream = new ByteBufferStream(new ByteArrayBuffer(bytes, isReadOnly: true));
        var olds = new ElementSpan[2];
        bool[] newPresent = new bool[2];
        bool scanned = TopLevelScanner.TryGetInPlace(stream, out ReadOnlySpan<byte> document) && TopLevelScanner.TryScan(document, Fields, olds, newPresent);
        Assert.Equal(0, stream.Position);
        return (scanned, olds.Select(o => o.Index).ToArray(), newPresent);
    }

    private sealed class NoResolver : IDerivedValueResolver
    {
        public Task<IReadOnlyDictionary<BsonValue, BsonValue>> ResolveAsync(IReadOnlyList<BsonValue> keys, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<BsonValue, BsonValue>>(new Dictionary<BsonValue, BsonValue>());
    }

    public sealed class ScannedDocument
    {
        [BsonElement("displayName")]
        public string? DisplayName { get; set; }

        [BsonElement("firstName")]
        public string? FirstName { get; set; }
    }
}
