using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Storage;

/// <summary>Every command on a database is atomic: concurrent clients never lose or duplicate writes.</summary>
public sealed class DatabaseStoreTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const int Clients = 16;

    [Fact]
    public async Task Insert_SixteenClientsConcurrently_StoresEveryDocumentOnce()
    {
        IMongoCollection<BsonDocument> shared = fixture.NewCollection<BsonDocument>("conc");
        await UsingClientsAsync(async (client, c) =>
        {
            IMongoCollection<BsonDocument> collection = Same(client, shared);
            for (int i = 0; i < 100; i++)
            {
                await collection.InsertOneAsync(new BsonDocument { { "_id", $"{c}-{i}" }, { "client", c } });
            }
        });

        List<BsonDocument> all = await shared.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();

        Assert.Equal(Clients * 100, all.Count);
        Assert.Equal(Clients * 100, all.Select(d => d["_id"].AsString).Distinct().Count());
    }

    [Fact]
    public async Task Insert_SixteenClientsRacingForOneId_ExactlyOneWins()
    {
        IMongoCollection<BsonDocument> shared = fixture.NewCollection<BsonDocument>("conc");
        int wins = 0, duplicates = 0;

        await UsingClientsAsync(async (client, c) =>
        {
            try
            {
                await Same(client, shared).InsertOneAsync(new BsonDocument { { "_id", "contested" }, { "winner", c } });
                Interlocked.Increment(ref wins);
            }
            catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
            {
                Interlocked.Increment(ref duplicates);
            }
        });

        Assert.Equal((1, Clients - 1), (wins, duplicates));
        Assert.Equal(1, await shared.EstimatedDocumentCountAsync());
    }

    /// <summary>Runs <paramref name="work"/> on <see cref="Clients"/> clients of their own (own connection pools), all at once.</summary>
    internal static async Task UsingClientsAsync(Func<IMongoClient, int, Task> work)
    {
        List<MongoClient> clients = [];
        try
        {
            for (int c = 0; c < Clients; c++)
            {
                string appName = $"conc-{c}-{Guid.NewGuid():N}"[..20];
                clients.Add(await MongoTestServer.CreateClientAsync(s => s.ApplicationName = appName));
            }

            using var start = new SemaphoreSlim(0);
            Task[] running = clients.Select((client, c) => Task.Run(async () =>
            {
                await start.WaitAsync();
                await work(client, c);
            })).ToArray();
            start.Release(Clients);
            await Task.WhenAll(running);
        }
        finally
        {
            clients.ForEach(MongoTestServer.DisposeClient);
        }
    }

    internal static IMongoCollection<BsonDocument> Same(IMongoClient client, IMongoCollection<BsonDocument> collection) =>
        client.GetDatabase(collection.Database.DatabaseNamespace.DatabaseName).GetCollection<BsonDocument>(collection.CollectionNamespace.CollectionName);
}
