using EmbeddedMongo.Commands;
using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.FailPoints;

/// <summary><c>configureFailPoint</c>: test-only fault injection, as on a server started with test commands enabled.</summary>
internal static class FailPointCommands
{
    public static void Register(Dictionary<string, Func<CommandContext, BsonDocument>> handlers) =>
        handlers["configureFailPoint"] = Configure;

    private static BsonDocument Configure(CommandContext context)
    {
        if (context.DatabaseName != "admin")
        {
            throw new MongoCommandException(ErrorCode.Unauthorized, "configureFailPoint may only be run against the admin database.");
        }

        long count = context.Server.FailPoints.Configure(context.Command);
        return new BsonDocument { { "count", count }, { "ok", 1.0 } };
    }
}
