using System.Globalization;
using System.Text;
using EmbeddedMongo.Bson;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>Renders values the way MongoDB's error messages do (<c>_id: 1</c>, <c>{ a: "x" }</c>).</summary>
internal static class UpdateMessages
{
    /// <summary>The type name MongoDB puts in messages (<c>string</c>, <c>int</c>, <c>object</c>).</summary>
    public static string TypeName(BsonValue value) => BsonTypeAliases.AliasOf(value);

    /// <summary><c>_id: 1</c> for the document's _id, or <c>no id</c>.</summary>
    public static string Id(BsonDocument document) =>
        document.TryGetValue("_id", out BsonValue id) ? Element("_id", id) : "no id";

    public static string Element(string name, BsonValue value) => name + ": " + Value(value);

    public static string Value(BsonValue value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, BsonValue value)
    {
        switch (value.BsonType)
        {
            case BsonType.String:
                builder.Append('"').Append(value.AsString).Append('"');
                break;
            case BsonType.Int32:
                builder.Append(value.AsInt32.ToString(CultureInfo.InvariantCulture));
                break;
            case BsonType.Int64:
                builder.Append(value.AsInt64.ToString(CultureInfo.InvariantCulture));
                break;
            case BsonType.Double:
                double number = value.AsDouble;
                builder.Append(number == Math.Floor(number) && Math.Abs(number) < 1e15
                    ? number.ToString("0.0", CultureInfo.InvariantCulture)
                    : number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case BsonType.Decimal128:
                builder.Append("NumberDecimal(\"").Append(value.AsDecimal128.ToString()).Append("\")");
                break;
            case BsonType.Boolean:
                builder.Append(value.AsBoolean ? "true" : "false");
                break;
            case BsonType.Null:
                builder.Append("null");
                break;
            case BsonType.ObjectId:
                builder.Append("ObjectId('").Append(value.AsObjectId.ToString()).Append("')");
                break;
            case BsonType.DateTime:
                builder.Append("new Date(").Append(value.AsBsonDateTime.MillisecondsSinceEpoch.ToString(CultureInfo.InvariantCulture)).Append(')');
                break;
            case BsonType.Document:
                AppendDocument(builder, value.AsBsonDocument);
                break;
            case BsonType.Array:
                AppendArray(builder, value.AsBsonArray);
                break;
            default:
                builder.Append(value.ToString());
                break;
        }
    }

    private static void AppendDocument(StringBuilder builder, BsonDocument document)
    {
        if (document.ElementCount == 0)
        {
            builder.Append("{}");
            return;
        }

        builder.Append("{ ");
        for (int i = 0; i < document.ElementCount; i++)
        {
            BsonElement element = document.GetElement(i);
            builder.Append(i == 0 ? "" : ", ").Append(element.Name).Append(": ");
            Append(builder, element.Value);
        }

        builder.Append(" }");
    }

    private static void AppendArray(StringBuilder builder, BsonArray array)
    {
        if (array.Count == 0)
        {
            builder.Append("[]");
            return;
        }

        builder.Append("[ ");
        for (int i = 0; i < array.Count; i++)
        {
            builder.Append(i == 0 ? "" : ", ");
            Append(builder, array[i]);
        }

        builder.Append(" ]");
    }
}
