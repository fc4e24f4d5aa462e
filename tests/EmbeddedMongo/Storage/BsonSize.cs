using System.Text;
using MongoDB.Bson;

namespace EmbeddedMongo.Storage;

/// <summary>The encoded BSON size of a document, computed without encoding it (the 16 MiB limit is checked on every write).</summary>
internal static class BsonSize
{
    public static long Of(BsonDocument document)
    {
        long size = 4 + 1; // length, terminator
        foreach (BsonElement element in document)
        {
            size += 1 + Encoding.UTF8.GetByteCount(element.Name) + 1 + Of(element.Value);
        }

        return size;
    }

    private static long Of(BsonArray array)
    {
        long size = 4 + 1;
        for (int i = 0; i < array.Count; i++)
        {
            size += 1 + Digits(i) + 1 + Of(array[i]);
        }

        return size;
    }

    private static long Of(BsonValue value) => value.BsonType switch
    {
        BsonType.Double or BsonType.Int64 or BsonType.DateTime or BsonType.Timestamp => 8,
        BsonType.Int32 => 4,
        BsonType.Decimal128 => 16,
        BsonType.Boolean => 1,
        BsonType.ObjectId => 12,
        BsonType.Null or BsonType.Undefined or BsonType.MinKey or BsonType.MaxKey => 0,
        BsonType.String => String(value.AsString),
        BsonType.Symbol => String(value.AsBsonSymbol.Name),
        BsonType.JavaScript => String(value.AsBsonJavaScript.Code),
        BsonType.JavaScriptWithScope => 4 + String(value.AsBsonJavaScriptWithScope.Code) + Of(value.AsBsonJavaScriptWithScope.Scope),
        BsonType.Document => Of(value.AsBsonDocument),
        BsonType.Array => Of(value.AsBsonArray),
        BsonType.Binary => 4 + 1 + value.AsBsonBinaryData.Bytes.Length,
        BsonType.RegularExpression => CString(value.AsBsonRegularExpression.Pattern) + CString(value.AsBsonRegularExpression.Options),
        _ => new BsonDocument(string.Empty, value).ToBson().Length - 7, // none left; the encoder would know
    };

    private static long String(string value) => 4 + CString(value);

    private static long CString(string value) => Encoding.UTF8.GetByteCount(value) + 1;

    private static int Digits(int index)
    {
        int digits = 1;
        for (int rest = index; rest >= 10; rest /= 10)
        {
            digits++;
        }

        return digits;
    }
}
