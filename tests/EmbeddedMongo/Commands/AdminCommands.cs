using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

/// <summary>The handshake and server-level commands: hello/isMaster, buildInfo, ping, endSessions.</summary>
internal static class AdminCommands
{
    public const int MaxBsonObjectSize = 16 * 1024 * 1024;
    public const int MaxMessageSizeBytes = 48_000_000;
    public const int MaxWriteBatchSize = 100_000;

    public static void Register(Dictionary<string, Func<CommandContext, BsonDocument>> handlers)
    {
        handlers["hello"] = context => Hello(context, legacy: false);
        handlers["isMaster"] = context => Hello(context, legacy: true);
        handlers["ismaster"] = context => Hello(context, legacy: true);
        handlers["buildInfo"] = BuildInfo;
        handlers["buildinfo"] = BuildInfo;
        handlers["ping"] = _ => Ok();
        handlers["endSessions"] = _ => Ok();
    }

    public static BsonDocument Ok() => new("ok", 1.0);

    private static BsonDocument Hello(CommandContext context, bool legacy)
    {
        if (context.Command.TryGetValue("client", out BsonValue client) && client.IsBsonDocument
            && client.AsBsonDocument.TryGetValue("application", out BsonValue application) && application.IsBsonDocument
            && application.AsBsonDocument.TryGetValue("name", out BsonValue appName) && appName.IsString)
        {
            context.Session.ApplicationName = appName.AsString;
        }

        // A standalone; no topologyVersion, so the driver polls instead of streaming (see DRIVER-NOTES).
        return new BsonDocument
        {
            { "helloOk", true },
            { legacy ? "ismaster" : "isWritablePrimary", true },
            { "maxBsonObjectSize", MaxBsonObjectSize },
            { "maxMessageSizeBytes", MaxMessageSizeBytes },
            { "maxWriteBatchSize", MaxWriteBatchSize },
            { "localTime", new BsonDateTime(DateTime.UtcNow) },
            { "logicalSessionTimeoutMinutes", 30 },
            { "connectionId", context.Session.ConnectionId },
            { "minWireVersion", 0 },
            { "maxWireVersion", 21 },
            { "readOnly", false },
            { "ok", 1.0 },
        };
    }

    private static BsonDocument BuildInfo(CommandContext context)
    {
        string version = context.Server.Options.Version;
        var parts = new BsonArray(version.Split('.').Select(p => int.TryParse(p, out int n) ? n : 0));
        while (parts.Count < 4)
        {
            parts.Add(0);
        }

        return new BsonDocument
        {
            { "version", version },
            { "gitVersion", "embeddedmongo" },
            { "versionArray", parts },
            { "bits", 64 },
            { "debug", false },
            { "maxBsonObjectSize", MaxBsonObjectSize },
            { "storageEngines", new BsonArray { "embeddedMongo" } },
            { "ok", 1.0 },
        };
    }
}
