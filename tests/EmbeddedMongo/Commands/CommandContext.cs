using EmbeddedMongo.Errors;
using EmbeddedMongo.Protocol;
using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

/// <summary>One command being executed: its document, target database and the connection it came from.</summary>
internal sealed class CommandContext(ServerContext server, BsonDocument command, ClientSession session)
{
    public ServerContext Server { get; } = server;

    public BsonDocument Command { get; } = command;

    public ClientSession Session { get; } = session;

    public string Name { get; } = command.GetElement(0).Name;

    public string DatabaseName { get; } = command.TryGetValue("$db", out BsonValue db) && db.IsString ? db.AsString : "admin";

    /// <summary>The command's first value as a collection name (<c>{find: "users"}</c>).</summary>
    public string CollectionName
    {
        get
        {
            BsonValue value = Command[0];
            if (!value.IsString || value.AsString.Length == 0)
            {
                throw new MongoCommandException(ErrorCode.InvalidNamespace, $"collection name has invalid type {value.BsonType} or is empty in '{Name}'.");
            }

            return value.AsString;
        }
    }

    public string Namespace => DatabaseName + "." + CollectionName;

    public BsonDocument GetDocument(string field, BsonDocument? defaultValue = null)
    {
        if (!Command.TryGetValue(field, out BsonValue value) || value.IsBsonNull)
        {
            return defaultValue ?? [];
        }

        return value.IsBsonDocument
            ? value.AsBsonDocument
            : throw MongoCommandException.TypeMismatch($"BSON field '{Name}.{field}' is the wrong type '{BsonTypeName(value)}', expected type 'object'");
    }

    public BsonDocument? GetOptionalDocument(string field) =>
        Command.TryGetValue(field, out BsonValue value) && !value.IsBsonNull ? GetDocument(field) : null;

    public BsonArray GetArray(string field)
    {
        if (!Command.TryGetValue(field, out BsonValue value))
        {
            throw MissingField($"{Name}.{field}");
        }

        return value.IsBsonArray
            ? value.AsBsonArray
            : throw MongoCommandException.TypeMismatch($"BSON field '{Name}.{field}' is the wrong type '{BsonTypeName(value)}', expected type 'array'");
    }

    /// <summary>A number field of <paramref name="source"/> (the command, or a document in it); null when absent.</summary>
    public long? GetOptionalInt64(BsonDocument? source, string field)
    {
        if (source is null || !source.TryGetValue(field, out BsonValue value) || value.IsBsonNull)
        {
            return null;
        }

        return Bson.BsonOrder.IsNumber(value)
            ? value.ToInt64()
            : throw MongoCommandException.TypeMismatch($"BSON field '{Name}.{field}' is the wrong type '{BsonTypeName(value)}', expected a number");
    }

    /// <summary>As <see cref="GetOptionalInt64"/>, refusing negative values.</summary>
    public long? GetNonNegativeInt64(BsonDocument? source, string field)
    {
        long? number = GetOptionalInt64(source, field);
        return number < 0
            ? throw new MongoCommandException(ErrorCode.Location51024, $"BSON field '{field}' value must be >= 0, actual value '{number}'")
            : number;
    }

    /// <summary>The <c>batchSize</c> of the command or of its <c>cursor</c> document; beyond 32 bits it is as good as unlimited.</summary>
    public int? GetBatchSize(BsonDocument? source) =>
        GetNonNegativeInt64(source, "batchSize") is long size ? (int)Math.Min(size, int.MaxValue) : null;

    public bool GetBoolean(string field, bool defaultValue) =>
        Command.TryGetValue(field, out BsonValue value) && !value.IsBsonNull ? value.ToBoolean() : defaultValue;

    /// <summary>The statements of a write command (<c>updates</c>, <c>deletes</c>), each a document holding <paramref name="required"/>, checked before any runs.</summary>
    public List<BsonDocument> GetStatements(string field, params string[] required)
    {
        var statements = new List<BsonDocument>();
        foreach (BsonValue value in GetArray(field))
        {
            BsonDocument statement = value.IsBsonDocument
                ? value.AsBsonDocument
                : throw MongoCommandException.TypeMismatch($"BSON field '{Name}.{field}' holds a '{BsonTypeName(value)}', expected type 'object'");
            foreach (string name in required)
            {
                if (!statement.Contains(name))
                {
                    throw MissingField($"{Name}.{field}.{name}");
                }
            }

            if (statement.TryGetValue("q", out BsonValue q) && !q.IsBsonDocument)
            {
                throw MongoCommandException.TypeMismatch($"BSON field '{Name}.{field}.q' is the wrong type '{BsonTypeName(q)}', expected type 'object'");
            }

            statements.Add(statement);
        }

        return statements;
    }

    private static MongoCommandException MissingField(string path) =>
        new(ErrorCode.Location40414, $"BSON field '{path}' is missing but a required field");

    private static string BsonTypeName(BsonValue value) => Bson.BsonTypeAliases.AliasOf(value);
}
