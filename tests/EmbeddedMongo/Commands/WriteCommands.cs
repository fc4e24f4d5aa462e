using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

internal static class WriteCommands
{
    public static void Register(Dictionary<string, Func<CommandContext, BsonDocument>> handlers)
    {
    }
}
