using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

internal static class CatalogCommands
{
    public static void Register(Dictionary<string, Func<CommandContext, BsonDocument>> handlers)
    {
    }
}
