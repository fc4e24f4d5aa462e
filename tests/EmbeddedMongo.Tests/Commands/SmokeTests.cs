using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Commands;

public sealed class SmokeTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task InsertThenFind_RoundTripsDocuments()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertManyAsync([new BsonDocument { { "_id", 1 }, { "a", "x" } }, new BsonDocument { { "_id", 2 }, { "a", "y" } }]);

        List<BsonDocument> all = await collection.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();

        Assert.Equal([1, 2], all.Select(d => d["_id"].AsInt32));
        Assert.Equal("y", all[1]["a"].AsString);
    }
}
