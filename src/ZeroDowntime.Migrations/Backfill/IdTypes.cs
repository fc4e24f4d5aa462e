using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>The <c>$type</c> names MongoDB's query comparisons treat as one type (its comparison brackets).</summary>
internal static class IdTypes
{
    private static readonly string[] Numbers = ["double", "int", "long", "decimal"];
    private static readonly string[] Strings = ["string", "symbol"];

    public static IEnumerable<BsonValue> SameBracket(BsonValue value) => value.BsonType switch
    {
        BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128 => Numbers.Select(n => (BsonValue)n),
        BsonType.String or BsonType.Symbol => Strings.Select(n => (BsonValue)n),
        BsonType.Document => [(BsonValue)"object"],
        BsonType.Binary => [(BsonValue)"binData"],
        BsonType.ObjectId => [(BsonValue)"objectId"],
        BsonType.Boolean => [(BsonValue)"bool"],
        BsonType.DateTime => [(BsonValue)"date"],
        BsonType.Timestamp => [(BsonValue)"timestamp"],
        BsonType.Null => [(BsonValue)"null"],
        BsonType.MinKey => [(BsonValue)"minKey"],
        BsonType.MaxKey => [(BsonValue)"maxKey"],
        _ => [(BsonValue)value.BsonType.ToString()],
    };

    /// <summary>Documents whose <c>_id</c> sorts after <paramref name="id"/> and is of another type (the next types' ids).</summary>
    public static BsonDocument LaterType(BsonValue id) =>
        new("$expr", new BsonDocument("$and", new BsonArray
        {
            new BsonDocument("$gt", new BsonArray { "$_id", new BsonDocument("$literal", id) }),
            new BsonDocument("$not", new BsonArray { new BsonDocument("$in", new BsonArray { new BsonDocument("$type", "$_id"), new BsonArray(SameBracket(id)) }) }),
        }));
}
