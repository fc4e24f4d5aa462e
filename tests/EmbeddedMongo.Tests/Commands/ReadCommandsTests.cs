using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Commands;

public sealed class ReadCommandsTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task EstimatedDocumentCount_PopulatedCollection_CountsEveryDocument()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(37);

        long count = await collection.EstimatedDocumentCountAsync();

        Assert.Equal(37, count);
    }

    [Fact]
    public async Task EstimatedDocumentCount_MissingCollection_IsZero()
    {
        long count = await fixture.NewCollection<BsonDocument>().EstimatedDocumentCountAsync();

        Assert.Equal(0, count);
    }

    [Theory]
    [InlineData(0, 0, 10)]
    [InlineData(3, 0, 7)]
    [InlineData(3, 4, 4)]
    [InlineData(8, 4, 2)]
    [InlineData(20, 0, 0)]
    public async Task Count_SkipAndLimit_CountsTheWindow(int skip, int limit, int expected)
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(10);

        BsonDocument reply = await fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument
        {
            { "count", collection.CollectionNamespace.CollectionName }, { "skip", skip }, { "limit", limit },
        });

        Assert.Equal(expected, reply["n"].ToInt64());
    }

    [Fact]
    public async Task Distinct_ArraysAndNumbers_FlattensArraysAndMergesEqualNumbers()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertManyAsync(
        [
            new BsonDocument { { "_id", 1 }, { "v", new BsonArray { 1, 2 } } },
            new BsonDocument { { "_id", 2 }, { "v", 2 } },
            new BsonDocument { { "_id", 3 }, { "v", 1.0 } },
            new BsonDocument { { "_id", 4 }, { "v", 3L } },
            new BsonDocument { { "_id", 5 }, { "v", new BsonArray { 3, "a" } } },
            new BsonDocument { { "_id", 6 } },
            new BsonDocument { { "_id", 7 }, { "v", BsonNull.Value } },
        ]);

        List<BsonValue> values = await (await collection.DistinctAsync<BsonValue>("v", FilterDefinition<BsonDocument>.Empty)).ToListAsync();

        Assert.Equal(5, values.Count);
        Assert.Equal([1.0, 2.0, 3.0], values.Where(v => v.IsNumeric).Select(v => v.ToDouble()).Order());
        Assert.Contains(values, v => v == "a");
        Assert.Contains(values, v => v.IsBsonNull);
    }

    [Fact]
    public async Task Distinct_DottedPathThroughArrayOfDocuments_CollectsEachValue()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertManyAsync(
        [
            BsonDocument.Parse("{_id: 1, items: [{sku: 'a'}, {sku: 'b'}, {other: 1}]}"),
            BsonDocument.Parse("{_id: 2, items: {sku: 'c'}}"),
            BsonDocument.Parse("{_id: 3, items: [{sku: ['a', 'd']}]}"),
        ]);

        List<string> values = await (await collection.DistinctAsync<string>("items.sku", FilterDefinition<BsonDocument>.Empty)).ToListAsync();

        Assert.Equal(["a", "b", "c", "d"], values.Order());
    }

    [Fact]
    public async Task Distinct_MissingCollection_IsEmpty()
    {
        List<BsonValue> values = await (await fixture.NewCollection<BsonDocument>().DistinctAsync<BsonValue>("v", FilterDefinition<BsonDocument>.Empty)).ToListAsync();

        Assert.Empty(values);
    }

    private async Task<IMongoCollection<BsonDocument>> SeedAsync(int count)
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertManyAsync(Enumerable.Range(0, count).Select(i => new BsonDocument { { "_id", i }, { "v", i % 3 } }));
        return collection;
    }
}
