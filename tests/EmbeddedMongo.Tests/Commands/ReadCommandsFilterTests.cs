using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Commands;

/// <summary>Reads and catalog listings with filters (needs the filter and aggregation engines).</summary>
public sealed class ReadCommandsFilterTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private static FilterDefinitionBuilder<BsonDocument> Filter => Builders<BsonDocument>.Filter;

    [Fact]
    public async Task CountDocuments_FilterSkipAndLimit_CountsTheMatchingWindow()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(30);

        long all = await collection.CountDocumentsAsync(Filter.Empty);
        long matching = await collection.CountDocumentsAsync(Filter.Eq("v", 1));
        long window = await collection.CountDocumentsAsync(Filter.Eq("v", 1), new CountOptions { Skip = 2, Limit = 5 });
        long none = await collection.CountDocumentsAsync(Filter.Eq("v", 99));

        Assert.Equal((30L, 10L, 5L, 0L), (all, matching, window, none));
    }

    [Fact]
    public async Task Count_CommandWithQuery_CountsMatches()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(30);

        BsonDocument reply = await fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument
        {
            { "count", collection.CollectionNamespace.CollectionName }, { "query", new BsonDocument("v", 2) },
        });

        Assert.Equal(10, reply["n"].ToInt64());
    }

    [Fact]
    public async Task Count_CommandWithoutQuery_CountsTheCollectionWindow()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(30);
        string name = collection.CollectionNamespace.CollectionName;

        long Count(BsonDocument reply) => reply["n"].ToInt64();
        long all = Count(await fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument("count", name)));
        long window = Count(await fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument { { "count", name }, { "skip", 27 }, { "limit", 5 } }));
        long beyond = Count(await fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument { { "count", name }, { "skip", 40 } }));
        long missing = Count(await fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument("count", name + "_missing")));

        Assert.Equal((30L, 3L, 0L, 0L), (all, window, beyond, missing));
    }

    [Fact]
    public async Task Distinct_Filter_ConsidersOnlyMatchingDocuments()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(30);

        List<int> values = await (await collection.DistinctAsync<int>("_id", Filter.Lt("_id", 4))).ToListAsync();

        Assert.Equal([0, 1, 2, 3], values.Order());
    }

    [Fact]
    public async Task ListDatabases_FilterByName_ListsOnlyThatDatabase()
    {
        await fixture.NewCollection<BsonDocument>().InsertOneAsync(new BsonDocument("_id", 1));
        string name = fixture.Database.DatabaseNamespace.DatabaseName;

        List<BsonDocument> listed = await (await fixture.Client.ListDatabasesAsync(new ListDatabasesOptions
        {
            Filter = new BsonDocument("name", name),
        })).ToListAsync();

        Assert.Equal(name, Assert.Single(listed)["name"].AsString);
    }

    [Fact]
    public async Task ListCollections_FilterByName_ListsOnlyThatCollection()
    {
        IMongoCollection<BsonDocument> wanted = await SeedAsync(1);
        await SeedAsync(1);

        List<string> names = await (await fixture.Database.ListCollectionNamesAsync(new ListCollectionNamesOptions
        {
            Filter = new BsonDocument("name", wanted.CollectionNamespace.CollectionName),
        })).ToListAsync();

        Assert.Equal([wanted.CollectionNamespace.CollectionName], names);
    }

    [Fact]
    public async Task Find_FilterOnOtherFields_ReturnsOnlyMatches()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(30);

        List<BsonDocument> found = await collection.Find(Filter.Eq("v", 0) & Filter.Gte("_id", 20)).ToListAsync();

        Assert.Equal([21, 24, 27], found.Select(d => d["_id"].AsInt32).Order());
    }

    private async Task<IMongoCollection<BsonDocument>> SeedAsync(int count)
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>("rf");
        await collection.InsertManyAsync(Enumerable.Range(0, count).Select(i => new BsonDocument { { "_id", i }, { "v", i % 3 } }));
        return collection;
    }
}
