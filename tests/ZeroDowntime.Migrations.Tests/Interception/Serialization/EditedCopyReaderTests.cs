using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Bson.Serialization.Serializers;
using ZeroDowntime.Migrations.Interception.Serialization;

namespace ZeroDowntime.Migrations.Tests.Interception.Serialization;

/// <summary>The edited copy: old elements dropped or renamed in the bytes, read back with a plain binary reader.</summary>
public sealed class EditedCopyReaderTests
{
    private static readonly MigratedField[] Fields =
    [
        new(FieldMigrationDescriptor<CopiedDocument>.Create(new FieldMigrationBuilder<CopiedDocument>("copy-a").InCollection("c").Rename("fullName", d => d.DisplayName))),
        new(FieldMigrationDescriptor<CopiedDocument>.Create(new FieldMigrationBuilder<CopiedDocument>("copy-b").InCollection("c").Rename("prénom", d => d.FirstName))),
    ];

    [Fact]
    public void Load_HideOneRenameAnother_ReadsAsTheEditedDocument()
    {
        var document = new BsonDocument { { "prénom", "Ada" }, { "a", 1 }, { "fullName", "x" }, { "nested", new BsonDocument("fullName", 2) } };

        BsonDocument read = ReadEdited(document, [ReadEditKind.Hide, ReadEditKind.Rename]);

        Assert.Equal(new BsonDocument { { "firstName", "Ada" }, { "a", 1 }, { "nested", new BsonDocument("fullName", 2) } }, read);
    }

    [Fact]
    public void Load_RenameToALongerNameLast_SizesTheCopy()
    {
        var document = new BsonDocument { { "a", 1 }, { "fullName", new BsonArray { 1, 2 } } };

        BsonDocument read = ReadEdited(document, [ReadEditKind.Rename, 0]);

        Assert.Equal(new BsonDocument { { "a", 1 }, { "displayName", new BsonArray { 1, 2 } } }, read);
    }

    [Fact]
    public void ReadRawBsonDocument_AfterTheBufferIsReused_StillHoldsItsBytes()
    {
        using var original = Original(new BsonDocument { { "fullName", "x" }, { "raw", new BsonDocument("k", "first") } });
        EditedCopyReader reader = Load(original, new BsonDocument { { "fullName", "x" }, { "raw", new BsonDocument("k", "first") } }, [ReadEditKind.Hide, 0]);
        reader.ReadStartDocument();
        reader.ReadBsonType();
        reader.ReadName();
        using var raw = new RawBsonDocument(reader.ReadRawBsonDocument());
        reader.ReadBsonType();
        reader.ReadEndDocument();
        reader.Return();

        using var other = Original(new BsonDocument { { "fullName", "y" }, { "raw", new BsonDocument("k", "second") } });
        EditedCopyReader again = Load(other, new BsonDocument { { "fullName", "y" }, { "raw", new BsonDocument("k", "second") } }, [ReadEditKind.Hide, 0]);
        BsonDocumentSerializer.Instance.Deserialize(BsonDeserializationContext.CreateRoot(again));
        again.Return();

        Assert.Same(reader, again);
        Assert.Equal("first", raw["k"].AsString);
    }

    [Fact]
    public void Rent_AfterAReadStoppedMidway_GivesAFreshReader()
    {
        var document = new BsonDocument { { "fullName", "x" }, { "a", 1 } };
        using var original = Original(document);
        EditedCopyReader stopped = Load(original, document, [ReadEditKind.Hide, 0]);
        stopped.ReadStartDocument();
        stopped.Return();

        EditedCopyReader next = EditedCopyReader.Rent(document.ToBson().Length, original);
        next.Return();

        Assert.NotSame(stopped, next);
    }

    private static BsonDocument ReadEdited(BsonDocument document, ReadEditKind[] kinds)
    {
        using var original = Original(document);
        EditedCopyReader reader = Load(original, document, kinds);
        try
        {
            return BsonDocumentSerializer.Instance.Deserialize(BsonDeserializationContext.CreateRoot(reader));
        }
        finally
        {
            reader.Return();
        }
    }

    private static EditedCopyReader Load(BsonBinaryReader original, BsonDocument document, ReadEditKind[] kinds)
    {
        byte[] bytes = document.ToBson();
        var olds = new ElementSpan[2];
        Assert.True(TopLevelScanner.TryScan(bytes, Fields, olds, new bool[2]));
        int[] order = Enumerable.Range(0, 2).Where(i => kinds[i] != 0).OrderBy(i => olds[i].Start).ToArray();
        EditedCopyReader reader = EditedCopyReader.Rent(bytes.Length + 16, original);
        reader.Load(bytes, order, olds, kinds, Fields);
        return reader;
    }

    private static BsonBinaryReader Original(BsonDocument document) => new(new MemoryStream(document.ToBson()));

    public sealed class CopiedDocument
    {
        [BsonElement("displayName")]
        public string? DisplayName { get; set; }

        [BsonElement("firstName")]
        public string? FirstName { get; set; }
    }
}
