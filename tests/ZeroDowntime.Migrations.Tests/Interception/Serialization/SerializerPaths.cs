using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using ZeroDowntime.Migrations.Interception.Serialization;

namespace ZeroDowntime.Migrations.Tests.Interception.Serialization;

/// <summary>Runs a migrating type's serializer through each of its paths, so tests can compare them.</summary>
internal static class SerializerPaths
{
    public static MigratingSerializer<T> Serializer<T>() =>
        Assert.IsType<MigratingSerializer<T>>(BsonSerializer.LookupSerializer<T>());

    /// <summary>The driver's way: registry look-up and a binary reader over the bytes (takes the fast path when it can).</summary>
    public static T ReadBytes<T>(BsonDocument document) => BsonSerializer.Deserialize<T>(document.ToBson());

    /// <summary>
    /// The fast path over a stream that does not expose its bytes (edits go through <see cref="MigratingBsonReader"/>),
    /// asserted to have been taken.
    /// </summary>
    public static T ReadFast<T>(BsonDocument document) => ReadFast<T>(new BsonBinaryReader(new MemoryStream(document.ToBson())));

    /// <summary>The fast path over the driver's kind of stream (hides and renames go through an edited copy), asserted to have been taken.</summary>
    public static T ReadFastInPlace<T>(BsonDocument document) =>
        ReadFast<T>(new BsonBinaryReader(new ByteBufferStream(new ByteArrayBuffer(document.ToBson(), isReadOnly: true))));

    private static T ReadFast<T>(BsonBinaryReader reader)
    {
        using var owned = reader;
        reader.ReadBsonType();
        Assert.True(Serializer<T>().TryDeserializeFast(BsonDeserializationContext.CreateRoot(reader), new BsonDeserializationArgs { NominalType = typeof(T) }, out T value),
            "The fast path declined a document it should handle.");
        Assert.True(reader.IsAtEndOfFile(), "The fast path did not consume the whole document.");
        return value;
    }

    /// <summary>The fast path's answer, or false when it declines.</summary>
    public static bool TryReadFast<T>(BsonDocument document, out T value)
    {
        using var reader = new BsonBinaryReader(new MemoryStream(document.ToBson()));
        reader.ReadBsonType();
        return Serializer<T>().TryDeserializeFast(BsonDeserializationContext.CreateRoot(reader), new BsonDeserializationArgs { NominalType = typeof(T) }, out value);
    }

    /// <summary>The naive (reference) path.</summary>
    public static T ReadNaive<T>(BsonDocument document)
    {
        using var reader = new BsonBinaryReader(new MemoryStream(document.ToBson()));
        reader.ReadBsonType();
        return Serializer<T>().DeserializeNaive(BsonDeserializationContext.CreateRoot(reader), new BsonDeserializationArgs { NominalType = typeof(T) });
    }

    /// <summary>Through a <see cref="BsonDocumentReader"/> (aggregation and LINQ results arrive this way too).</summary>
    public static T ReadDocument<T>(BsonDocument document) => BsonSerializer.Deserialize<T>(document);

    /// <summary>The driver's way: registry look-up and a binary writer.</summary>
    public static BsonDocument WriteBytes<T>(T value) => BsonSerializer.Deserialize<BsonDocument>(value.ToBson());

    /// <summary>The fast path into a binary writer over a plain stream (the written bytes are read back), asserted to have been taken.</summary>
    public static BsonDocument WriteFast<T>(T value)
    {
        var stream = new MemoryStream();
        using (var writer = new BsonBinaryWriter(stream))
        {
            WriteFast(writer, value);
        }

        return BsonSerializer.Deserialize<BsonDocument>(stream.ToArray());
    }

    /// <summary>
    /// The fast path into the driver's kind of stream, over one buffer (appended in place) or over small chunks the
    /// document straddles, asserted to have been taken.
    /// </summary>
    public static BsonDocument WriteFastInPlace<T>(T value, bool chunked)
    {
        IByteBuffer buffer = chunked
            ? new MultiChunkBuffer(new OutputBufferChunkSource(BsonChunkPool.Default, initialUnpooledChunkSize: 16, minChunkSize: 16, maxChunkSize: 16))
            : new ByteArrayBuffer(new byte[64], 0, isReadOnly: false);
        using var stream = new ByteBufferStream(buffer, ownsBuffer: true);
        using (var writer = new BsonBinaryWriter(stream))
        {
            WriteFast(writer, value);
        }

        byte[] bytes = new byte[stream.Length];
        buffer.GetBytes(0, bytes, 0, bytes.Length);
        return BsonSerializer.Deserialize<BsonDocument>(bytes);
    }

    /// <summary>The fast path into a document writer (through <see cref="MigratingBsonWriter"/>), asserted to have been taken.</summary>
    public static BsonDocument WriteFastWrapped<T>(T value)
    {
        var document = new BsonDocument();
        using (var writer = new BsonDocumentWriter(document))
        {
            WriteFast(writer, value);
        }

        return document;
    }

    private static void WriteFast<T>(IBsonWriter writer, T value) =>
        Assert.True(Serializer<T>().TrySerializeFast(BsonSerializationContext.CreateRoot(writer), new BsonSerializationArgs(typeof(T), false, false), value),
            "The fast path declined a value it should handle.");

    /// <summary>The naive (reference) path into a binary writer.</summary>
    public static BsonDocument WriteNaive<T>(T value)
    {
        var stream = new MemoryStream();
        using (var writer = new BsonBinaryWriter(stream))
        {
            Serializer<T>().SerializeNaive(BsonSerializationContext.CreateRoot(writer), new BsonSerializationArgs(typeof(T), false, false), value);
        }

        return BsonSerializer.Deserialize<BsonDocument>(stream.ToArray());
    }

    /// <summary>The members of <paramref name="value"/> as its class map alone writes them: what tests compare.</summary>
    public static BsonDocument Members<T>(T value)
    {
        var document = new BsonDocument();
        using (var writer = new BsonDocumentWriter(document))
        {
            new BsonClassMapSerializer<T>(BsonClassMap.LookupClassMap(typeof(T))).Serialize(BsonSerializationContext.CreateRoot(writer), value);
        }

        return document;
    }

    /// <summary>Reads <paramref name="document"/> through every read path, asserts they agree, returns the members.</summary>
    public static BsonDocument ReadAllWays<T>(BsonDocument document)
    {
        BsonDocument naive = Members(ReadNaive<T>(document));
        Assert.Equal(naive, Members(ReadFast<T>(document)));
        Assert.Equal(naive, Members(ReadFastInPlace<T>(document)));
        Assert.Equal(naive, Members(ReadBytes<T>(document)));
        Assert.Equal(naive, Members(ReadDocument<T>(document)));
        return naive;
    }

    /// <summary>Writes <paramref name="value"/> through every write path, asserts identical bytes, returns the document.</summary>
    public static BsonDocument WriteAllWays<T>(T value)
    {
        BsonDocument naive = WriteNaive(value);
        Assert.Equal(naive.ToBson(), WriteFast(value).ToBson());
        Assert.Equal(naive.ToBson(), WriteFastInPlace(value, chunked: false).ToBson());
        Assert.Equal(naive.ToBson(), WriteFastInPlace(value, chunked: true).ToBson());
        Assert.Equal(naive.ToBson(), WriteFastWrapped(value).ToBson());
        Assert.Equal(naive.ToBson(), WriteBytes(value).ToBson());
        return naive;
    }
}
