using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization.Attributes;
using ZeroDowntime.Migrations.Interception.Serialization;

namespace ZeroDowntime.Migrations.Tests.Interception.Serialization;

/// <summary>The writer wrapper on its own: which values it notes, and the old elements it writes when the document ends.</summary>
public sealed class MigratingBsonWriterTests
{
    private static readonly MigratedField Rename = new(FieldMigrationDescriptor<WrittenDocument>.Create(
        new FieldMigrationBuilder<WrittenDocument>("writer-rename").InCollection("c").Rename("old", d => d.Value)));

    private static readonly MigratedField Convert = new(FieldMigrationDescriptor<WrittenDocument>.Create(
        new FieldMigrationBuilder<WrittenDocument>("writer-convert").InCollection("c")
            .Convert("old", d => d.Value, v => v, v => new BsonDocument("wrapped", v))));

    [Fact]
    public void WriteName_NewElementWithStructuredValue_OldElementGetsTheWholeValueLast()
    {
        BsonDocument written = Write(Rename, w =>
        {
            w.WriteName("value");
            w.WriteStartDocument();
            w.WriteName("list");
            w.WriteStartArray();
            w.WriteInt32(1);
            w.WriteStartDocument();
            w.WriteEndDocument();
            w.WriteEndArray();
            w.WriteEndDocument();
        });

        var value = new BsonDocument("list", new BsonArray { 1, new BsonDocument() });
        Assert.Equal(new BsonDocument { { "value", value }, { "after", 1 }, { "old", value } }, written);
    }

    [Fact]
    public void WriteName_NewElementWithScalar_ConvertWritesBackwardOfItLast()
    {
        BsonDocument written = Write(Convert, w =>
        {
            w.WriteName("value");
            w.WriteDateTime(1000);
        });

        Assert.Equal(new BsonDocument { { "value", new BsonDateTime(1000) }, { "after", 1 }, { "old", new BsonDocument("wrapped", new BsonDateTime(1000)) } }, written);
    }

    [Fact]
    public void WriteName_NewElementWithCodeAndScope_CopiedWithItsScope()
    {
        BsonDocument written = Write(Rename, w =>
        {
            w.WriteName("value");
            w.WriteJavaScriptWithScope("f(x)");
            w.WriteStartDocument();
            w.WriteName("x");
            w.WriteInt32(1);
            w.WriteEndDocument();
        });

        var code = new BsonJavaScriptWithScope("f(x)", new BsonDocument("x", 1));
        Assert.Equal(new BsonDocument { { "value", code }, { "after", 1 }, { "old", code } }, written);
    }

    [Fact]
    public void WriteName_OtherElementsAndNestedNewName_PassThroughUnchanged()
    {
        BsonDocument written = Write(Rename, w =>
        {
            w.WriteName("nested");
            w.WriteStartDocument();
            w.WriteName("value");
            w.WriteString("inner");
            w.WriteEndDocument();
        });

        Assert.Equal(new BsonDocument { { "nested", new BsonDocument("value", "inner") }, { "after", 1 } }, written);
    }

    /// <summary>Writes a top-level document through the wrapper: the given elements, then <c>after: 1</c>.</summary>
    private static BsonDocument Write(MigratedField field, Action<IBsonWriter> elements)
    {
        var document = new BsonDocument();
        using var inner = new BsonDocumentWriter(document);
        MigratingBsonWriter writer = MigratingBsonWriter.Rent(inner);
        writer.AddField(field);
        try
        {
            writer.WriteStartDocument();
            elements(writer);
            writer.WriteName("after");
            writer.WriteInt32(1);
            writer.WriteEndDocument();
        }
        finally
        {
            writer.Return();
        }

        return document;
    }

    public sealed class WrittenDocument
    {
        [BsonElement("value")]
        public BsonValue? Value { get; set; }
    }
}
