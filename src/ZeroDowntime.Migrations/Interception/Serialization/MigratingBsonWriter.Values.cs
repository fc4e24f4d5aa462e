using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>Value writes: always to the inner writer; a new element's value is also noted (copied first when structured).</summary>
internal sealed partial class MigratingBsonWriter
{
    public void WriteStartDocument()
    {
        inner.WriteStartDocument();
        depth++;
        if (pending >= 0)
        {
            Capture().WriteStartDocument();
        }
    }

    public void WriteEndDocument()
    {
        if (depth == 1)
        {
            WriteOldElements();
        }

        inner.WriteEndDocument();
        depth--;
        if (capture is not null)
        {
            capture.WriteEndDocument();
            Captured();
        }
    }

    public void WriteStartArray()
    {
        inner.WriteStartArray();
        depth++;
        if (pending >= 0)
        {
            Capture().WriteStartArray();
        }
    }

    public void WriteEndArray()
    {
        inner.WriteEndArray();
        depth--;
        if (capture is not null)
        {
            capture.WriteEndArray();
            Captured();
        }
    }

    // The value is complete only after the scope document, whose WriteEndDocument completes it.
    public void WriteJavaScriptWithScope(string code)
    {
        inner.WriteJavaScriptWithScope(code);
        if (pending >= 0)
        {
            Capture().WriteJavaScriptWithScope(code);
        }
    }

    public void WriteRawBsonArray(IByteBuffer slice)
    {
        inner.WriteRawBsonArray(slice);
        if (pending >= 0)
        {
            Capture().WriteRawBsonArray(slice);
            Captured();
        }
    }

    public void WriteRawBsonDocument(IByteBuffer slice)
    {
        inner.WriteRawBsonDocument(slice);
        if (pending >= 0)
        {
            Capture().WriteRawBsonDocument(slice);
            Captured();
        }
    }


    public void WriteBinaryData(BsonBinaryData binaryData)
    {
        inner.WriteBinaryData(binaryData);
        if (pending >= 0)
        {
            Repeat(binaryData, static (w, v) => w.WriteBinaryData(v), static v => v);
        }
    }

    public void WriteBoolean(bool value)
    {
        inner.WriteBoolean(value);
        if (pending >= 0)
        {
            Repeat(value, static (w, v) => w.WriteBoolean(v), static v => (BsonBoolean)v);
        }
    }

    public void WriteBytes(byte[] bytes)
    {
        inner.WriteBytes(bytes);
        if (pending >= 0)
        {
            Repeat(bytes, static (w, v) => w.WriteBytes(v), static v => new BsonBinaryData(v));
        }
    }

    public void WriteDateTime(long value)
    {
        inner.WriteDateTime(value);
        if (pending >= 0)
        {
            Repeat(value, static (w, v) => w.WriteDateTime(v), static v => new BsonDateTime(v));
        }
    }

    public void WriteDecimal128(Decimal128 value)
    {
        inner.WriteDecimal128(value);
        if (pending >= 0)
        {
            Repeat(value, static (w, v) => w.WriteDecimal128(v), static v => new BsonDecimal128(v));
        }
    }

    public void WriteDouble(double value)
    {
        inner.WriteDouble(value);
        if (pending >= 0)
        {
            Repeat(value, static (w, v) => w.WriteDouble(v), static v => new BsonDouble(v));
        }
    }

    public void WriteGuid(Guid guid)
    {
        inner.WriteGuid(guid);
        if (pending >= 0)
        {
            Repeat(guid, static (w, v) => w.WriteGuid(v), static v => new BsonBinaryData(v, GuidRepresentation.Standard));
        }
    }

    public void WriteGuid(Guid guid, GuidRepresentation guidRepresentation)
    {
        inner.WriteGuid(guid, guidRepresentation);
        if (pending >= 0)
        {
            Repeat((guid, guidRepresentation), static (w, v) => w.WriteGuid(v.guid, v.guidRepresentation), static v => new BsonBinaryData(v.guid, v.guidRepresentation));
        }
    }

    public void WriteInt32(int value)
    {
        inner.WriteInt32(value);
        if (pending >= 0)
        {
            Repeat(value, static (w, v) => w.WriteInt32(v), static v => new BsonInt32(v));
        }
    }

    public void WriteInt64(long value)
    {
        inner.WriteInt64(value);
        if (pending >= 0)
        {
            Repeat(value, static (w, v) => w.WriteInt64(v), static v => new BsonInt64(v));
        }
    }

    public void WriteJavaScript(string code)
    {
        inner.WriteJavaScript(code);
        if (pending >= 0)
        {
            Repeat(code, static (w, v) => w.WriteJavaScript(v), static v => new BsonJavaScript(v));
        }
    }

    public void WriteMaxKey()
    {
        inner.WriteMaxKey();
        if (pending >= 0)
        {
            Repeat(0, static (w, _) => w.WriteMaxKey(), static _ => BsonMaxKey.Value);
        }
    }

    public void WriteMinKey()
    {
        inner.WriteMinKey();
        if (pending >= 0)
        {
            Repeat(0, static (w, _) => w.WriteMinKey(), static _ => BsonMinKey.Value);
        }
    }

    public void WriteNull()
    {
        inner.WriteNull();
        if (pending >= 0)
        {
            Repeat(0, static (w, _) => w.WriteNull(), static _ => BsonNull.Value);
        }
    }

    public void WriteObjectId(ObjectId objectId)
    {
        inner.WriteObjectId(objectId);
        if (pending >= 0)
        {
            Repeat(objectId, static (w, v) => w.WriteObjectId(v), static v => new BsonObjectId(v));
        }
    }

    public void WriteRegularExpression(BsonRegularExpression regex)
    {
        inner.WriteRegularExpression(regex);
        if (pending >= 0)
        {
            Repeat(regex, static (w, v) => w.WriteRegularExpression(v), static v => v);
        }
    }

    public void WriteString(string value)
    {
        inner.WriteString(value);
        if (pending >= 0)
        {
            Repeat(value, static (w, v) => w.WriteString(v), static v => new BsonString(v));
        }
    }

    public void WriteSymbol(string value)
    {
        inner.WriteSymbol(value);
        if (pending >= 0)
        {
            Repeat(value, static (w, v) => w.WriteSymbol(v), static v => BsonSymbol.Create(v));
        }
    }

    public void WriteTimestamp(long value)
    {
        inner.WriteTimestamp(value);
        if (pending >= 0)
        {
            Repeat(value, static (w, v) => w.WriteTimestamp(v), static v => new BsonTimestamp(v));
        }
    }

    public void WriteUndefined()
    {
        inner.WriteUndefined();
        if (pending >= 0)
        {
            Repeat(0, static (w, _) => w.WriteUndefined(), static _ => BsonUndefined.Value);
        }
    }

    /// <summary>Follows a scalar write of a new element's value: copies it into the structured value being copied, or notes it.</summary>
    private void Repeat<T>(T value, Action<IBsonWriter, T> write, Func<T, BsonValue> toBsonValue)
    {
        if (capture is not null)
        {
            write(capture, value);
            Captured();
        }
        else
        {
            Noted(toBsonValue(value));
        }
    }
}
