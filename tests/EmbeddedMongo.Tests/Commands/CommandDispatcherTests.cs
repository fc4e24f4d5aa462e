using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Commands;

/// <summary>What the dispatcher does with a command handler that fails in a way no handler should (a bug, not bad input).</summary>
public sealed class CommandDispatcherTests
{
    [Fact]
    public async Task Execute_HandlerThrowsUnexpectedly_RepliesInternalErrorAndKeepsTheServerHealthy()
    {
        EmbeddedMongoServer server = await EmbeddedMongoServer.StartAsync();
        server.Dispatcher.Register("explodeForTest", _ => throw new InvalidOperationException("boom"));
        var settings = MongoClientSettings.FromConnectionString(server.ConnectionString);
        settings.RetryReads = false;
        var client = new MongoClient(settings);
        try
        {
            var error = await Assert.ThrowsAsync<MongoCommandException>(() => client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("explodeForTest", 1)));
            BsonDocument ping = await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));

            Assert.Equal((1, "InternalError"), (error.Code, error.CodeName));
            Assert.Contains("boom", error.Message, StringComparison.Ordinal);
            Assert.Equal(1.0, ping["ok"].ToDouble());
        }
        finally
        {
            MongoTestServer.DisposeClient(client);
            await server.DisposeAsync(); // must not rethrow a connection's failure either
        }
    }
}
