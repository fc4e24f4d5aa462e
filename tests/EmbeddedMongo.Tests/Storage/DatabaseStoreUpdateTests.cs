using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Storage;

/// <summary>Concurrent read-modify-writes stay exact (needs the filter and update engines).</summary>
public sealed class DatabaseStoreUpdateTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const int Rounds = 200;

    private static FilterDefinitionBuilder<BsonDocument> Filter => Builders<BsonDocument>.Filter;

    private static UpdateDefinitionBuilder<BsonDocument> Update => Builders<BsonDocument>.Update;

    [Fact]
    public async Task UpdateOne_SixteenClientsIncrementingASharedCounter_LosesNoIncrement()
    {
        IMongoCollection<BsonDocument> shared = fixture.NewCollection<BsonDocument>("inc");
        await shared.InsertOneAsync(new BsonDocument { { "_id", "counter" }, { "n", 0 } });

        await DatabaseStoreTests.UsingClientsAsync(async (client, c) =>
        {
            IMongoCollection<BsonDocument> collection = DatabaseStoreTests.Same(client, shared);
            string own = "client-" + c;
            await collection.InsertOneAsync(new BsonDocument { { "_id", own }, { "n", 0 } });
            for (int i = 0; i < Rounds; i++)
            {
                await collection.UpdateOneAsync(Filter.Eq("_id", own), Update.Inc("n", 1).Set("last", i));
                await collection.UpdateOneAsync(Filter.Eq("_id", "counter"), Update.Inc("n", 1));
            }
        });

        List<BsonDocument> all = await shared.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        Assert.Equal(16 * Rounds, all.Single(d => d["_id"] == "counter")["n"].ToInt32());
        List<BsonDocument> own = all.Where(d => d["_id"] != "counter").ToList();
        Assert.Equal(16, own.Count);
        Assert.All(own, d => Assert.Equal((Rounds, Rounds - 1), (d["n"].ToInt32(), d["last"].ToInt32())));
    }

    [Fact]
    public async Task FindOneAndUpdate_SixteenClientsTakingTickets_EachTicketIsHandedOutOnce()
    {
        IMongoCollection<BsonDocument> shared = fixture.NewCollection<BsonDocument>("tickets");
        var tickets = new System.Collections.Concurrent.ConcurrentBag<int>();

        await DatabaseStoreTests.UsingClientsAsync(async (client, _) =>
        {
            IMongoCollection<BsonDocument> collection = DatabaseStoreTests.Same(client, shared);
            for (int i = 0; i < 50; i++)
            {
                BsonDocument? taken = await collection.FindOneAndUpdateAsync(Filter.Eq("_id", "seq"), Update.Inc("next", 1),
                    new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After });
                tickets.Add(taken!["next"].ToInt32());
            }
        });

        Assert.Equal(Enumerable.Range(1, 16 * 50), tickets.Order());
    }
}
