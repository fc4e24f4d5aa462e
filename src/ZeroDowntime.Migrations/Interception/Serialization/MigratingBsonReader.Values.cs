using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>Value reads: from the inner reader, or from the converted value while one is being served.</summary>
internal sealed partial class MigratingBsonReader
{
    public void ReadStartDocument()
    {
        if (converted is null)
        {
            inner.ReadStartDocument();
            depth++;
            return;
        }

        converted.ReadStartDocument();
        convertedDepth++;
    }

    public void ReadEndDocument()
    {
        if (converted is null)
        {
            inner.ReadEndDocument();
            depth--;
            return;
        }

        converted.ReadEndDocument();
        convertedDepth--;
        ConvertedValueRead();
    }

    public void ReadStartArray()
    {
        if (converted is null)
        {
            inner.ReadStartArray();
            depth++;
            return;
        }

        converted.ReadStartArray();
        convertedDepth++;
    }

    public void ReadEndArray()
    {
        if (converted is null)
        {
            inner.ReadEndArray();
            depth--;
            return;
        }

        converted.ReadEndArray();
        convertedDepth--;
        ConvertedValueRead();
    }

    public void SkipValue()
    {
        if (converted is null)
        {
            inner.SkipValue();
            return;
        }

        converted.SkipValue();
        ConvertedValueRead();
    }

    // The scope document that follows is read with ReadStartDocument/ReadEndDocument, which track the depth.
    public string ReadJavaScriptWithScope() => converted is null ? inner.ReadJavaScriptWithScope() : converted.ReadJavaScriptWithScope();

    public BsonBinaryData ReadBinaryData() => converted is null ? inner.ReadBinaryData() : Consumed(converted.ReadBinaryData());

    public bool ReadBoolean() => converted is null ? inner.ReadBoolean() : Consumed(converted.ReadBoolean());

    public byte[] ReadBytes() => converted is null ? inner.ReadBytes() : Consumed(converted.ReadBytes());

    public long ReadDateTime() => converted is null ? inner.ReadDateTime() : Consumed(converted.ReadDateTime());

    public Decimal128 ReadDecimal128() => converted is null ? inner.ReadDecimal128() : Consumed(converted.ReadDecimal128());

    public double ReadDouble() => converted is null ? inner.ReadDouble() : Consumed(converted.ReadDouble());

    public Guid ReadGuid() => converted is null ? inner.ReadGuid() : Consumed(converted.ReadGuid());

    public Guid ReadGuid(GuidRepresentation guidRepresentation) =>
        converted is null ? inner.ReadGuid(guidRepresentation) : Consumed(converted.ReadGuid(guidRepresentation));

    public int ReadInt32() => converted is null ? inner.ReadInt32() : Consumed(converted.ReadInt32());

    public long ReadInt64() => converted is null ? inner.ReadInt64() : Consumed(converted.ReadInt64());

    public string ReadJavaScript() => converted is null ? inner.ReadJavaScript() : Consumed(converted.ReadJavaScript());

    public ObjectId ReadObjectId() => converted is null ? inner.ReadObjectId() : Consumed(converted.ReadObjectId());

    public IByteBuffer ReadRawBsonArray() => converted is null ? inner.ReadRawBsonArray() : Consumed(converted.ReadRawBsonArray());

    public IByteBuffer ReadRawBsonDocument() => converted is null ? inner.ReadRawBsonDocument() : Consumed(converted.ReadRawBsonDocument());

    public BsonRegularExpression ReadRegularExpression() =>
        converted is null ? inner.ReadRegularExpression() : Consumed(converted.ReadRegularExpression());

    public string ReadString() => converted is null ? inner.ReadString() : Consumed(converted.ReadString());

    public string ReadSymbol() => converted is null ? inner.ReadSymbol() : Consumed(converted.ReadSymbol());

    public long ReadTimestamp() => converted is null ? inner.ReadTimestamp() : Consumed(converted.ReadTimestamp());

    public void ReadMaxKey()
    {
        (converted ?? inner).ReadMaxKey();
        ConvertedValueRead();
    }

    public void ReadMinKey()
    {
        (converted ?? inner).ReadMinKey();
        ConvertedValueRead();
    }

    public void ReadNull()
    {
        (converted ?? inner).ReadNull();
        ConvertedValueRead();
    }

    public void ReadUndefined()
    {
        (converted ?? inner).ReadUndefined();
        ConvertedValueRead();
    }

    private T Consumed<T>(T value)
    {
        ConvertedValueRead();
        return value;
    }
}
