using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Protocol;

/// <summary>The shared test-server helper: test classes run in parallel, each with its own clients.</summary>
public sealed class MongoTestServerTests
{
    [Fact]
    public async Task DisposeClient_AnotherClientStillOpen_KeepsWorking()
    {
        MongoClient first = await MongoTestServer.CreateClientAsync();
        MongoClient second = await MongoTestServer.CreateClientAsync();

        MongoTestServer.DisposeClient(first);
        try
        {
            BsonDocument reply = await second.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));
            Assert.Equal(1.0, reply["ok"].ToDouble());
        }
        finally
        {
            MongoTestServer.DisposeClient(second);
        }
    }
}
