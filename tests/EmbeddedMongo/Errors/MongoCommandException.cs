namespace EmbeddedMongo.Errors;

/// <summary>
/// A command failure that is sent to the client as <c>{ok: 0, errmsg, code, codeName}</c>.
/// Every engine (query, update, aggregation, storage) reports bad input by throwing this.
/// </summary>
internal class MongoCommandException : Exception
{
    public MongoCommandException(ErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public ErrorCode Code { get; }

    public string CodeName => Code.Name();

    /// <summary>Adds the fields MongoDB puts next to <c>code</c> for this error, in a command error or a write error.</summary>
    public virtual void AddDetailsTo(MongoDB.Bson.BsonDocument error)
    {
    }

    /// <summary>Input MongoDB itself would refuse (malformed operator, wrong argument type, ...).</summary>
    public static MongoCommandException BadValue(string message) => new(ErrorCode.BadValue, message);

    /// <summary>A feature real MongoDB has but EmbeddedMongo deliberately does not implement.</summary>
    public static MongoCommandException NotSupported(string feature) =>
        new(ErrorCode.BadValue, $"{feature} is not supported by EmbeddedMongo.");

    public static MongoCommandException TypeMismatch(string message) => new(ErrorCode.TypeMismatch, message);

    public static MongoCommandException FailedToParse(string message) => new(ErrorCode.FailedToParse, message);
}
