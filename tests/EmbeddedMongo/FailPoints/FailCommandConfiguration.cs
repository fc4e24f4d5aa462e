using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.FailPoints;

/// <summary>One parsed <c>configureFailPoint: "failCommand"</c> request.</summary>
internal sealed class FailCommandConfiguration
{
    // failInternalCommands is harmless: EmbeddedMongo runs no internal commands.
    private static readonly HashSet<string> KnownDataFields = new(StringComparer.Ordinal)
    {
        "failCommands", "errorCode", "closeConnection", "blockConnection", "blockTimeMS", "writeConcernError", "errorLabels", "appName", "failInternalCommands",
    };

    private FailCommandConfiguration(HashSet<string> commands, string? applicationName, FailPointAction action)
    {
        Commands = commands;
        ApplicationName = applicationName;
        Action = action;
    }

    public HashSet<string> Commands { get; }

    public string? ApplicationName { get; }

    public FailPointAction Action { get; }

    /// <summary>Remaining firings for <c>{times: n}</c>; null when always on.</summary>
    public long? Times { get; set; }

    /// <summary>Matching commands still to let through for <c>{skip: n}</c>.</summary>
    public long Skip { get; set; }

    public bool Applies(string commandName, string? applicationName) =>
        Commands.Contains(commandName) && (ApplicationName is null || ApplicationName == applicationName);

    /// <summary>Parses the command; returns null for <c>mode: "off"</c>.</summary>
    public static FailCommandConfiguration? Parse(BsonDocument command)
    {
        if (!command.TryGetValue("mode", out BsonValue mode))
        {
            throw new MongoCommandException(ErrorCode.BadValue, "configureFailPoint: missing 'mode'");
        }

        long? times = null;
        long skip = 0;
        if (mode.IsString)
        {
            switch (mode.AsString)
            {
                case "off":
                    return null;
                case "alwaysOn":
                    break;
                default:
                    throw MongoCommandException.BadValue($"configureFailPoint: unknown mode '{mode.AsString}'");
            }
        }
        else if (mode.IsBsonDocument && mode.AsBsonDocument.ElementCount == 1)
        {
            BsonElement element = mode.AsBsonDocument.GetElement(0);
            if (!Bson.BsonOrder.IsNumber(element.Value) || element.Value.ToInt64() < 0)
            {
                throw MongoCommandException.BadValue($"configureFailPoint: mode.{element.Name} must be a non-negative number");
            }

            switch (element.Name)
            {
                case "times":
                    times = element.Value.ToInt64();
                    if (times == 0)
                    {
                        return null;
                    }

                    break;
                case "skip":
                    skip = element.Value.ToInt64();
                    break;
                default:
                    throw MongoCommandException.NotSupported($"configureFailPoint mode '{element.Name}'");
            }
        }
        else
        {
            throw MongoCommandException.BadValue("configureFailPoint: mode must be \"alwaysOn\", \"off\", {times: n} or {skip: n}");
        }

        BsonDocument data = command.TryGetValue("data", out BsonValue d) && d.IsBsonDocument ? d.AsBsonDocument : [];
        if (data.Names.FirstOrDefault(n => !KnownDataFields.Contains(n)) is { } unknown)
        {
            throw MongoCommandException.NotSupported($"The failCommand data field '{unknown}'");
        }

        if (!data.TryGetValue("failCommands", out BsonValue names) || !names.IsBsonArray || names.AsBsonArray.Any(n => !n.IsString))
        {
            throw MongoCommandException.BadValue("configureFailPoint failCommand: data.failCommands must be an array of command names");
        }

        var action = new FailPointAction(
            ErrorCode: data.TryGetValue("errorCode", out BsonValue code) ? code.ToInt32() : null,
            CloseConnection: data.TryGetValue("closeConnection", out BsonValue close) && close.ToBoolean(),
            BlockTime: data.TryGetValue("blockConnection", out BsonValue block) && block.ToBoolean()
                ? TimeSpan.FromMilliseconds(data.TryGetValue("blockTimeMS", out BsonValue ms) ? ms.ToInt64() : 0)
                : TimeSpan.Zero,
            WriteConcernError: data.TryGetValue("writeConcernError", out BsonValue wce) && wce.IsBsonDocument ? wce.AsBsonDocument : null,
            ErrorLabels: data.TryGetValue("errorLabels", out BsonValue labels) && labels.IsBsonArray ? labels.AsBsonArray : null);

        string? appName = data.TryGetValue("appName", out BsonValue app) && app.IsString ? app.AsString : null;
        var commands = new HashSet<string>(names.AsBsonArray.Select(n => n.AsString), StringComparer.Ordinal);
        return new FailCommandConfiguration(commands, appName, action) { Times = times, Skip = skip };
    }
}
