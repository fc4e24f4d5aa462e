using EmbeddedMongo.Tests.Aggregation;
using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Query;

public sealed class SortSpecificationTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private async Task<List<int>> FindSortedAsync(string sort, params string[] documents)
    {
        IMongoCollection<BsonDocument> collection = await fixture.NewCollection<BsonDocument>().WithDocumentsAsync(documents);
        List<BsonDocument> results = await collection.Find(FilterDefinition<BsonDocument>.Empty).Sort(BsonDocument.Parse(sort)).ToListAsync();
        return results.Select(r => r["_id"].AsInt32).ToList();
    }

    private async Task<List<int>> AggregateSortedAsync(string sort, params string[] documents)
    {
        IMongoCollection<BsonDocument> collection = await fixture.NewCollection<BsonDocument>().WithDocumentsAsync(documents);
        List<BsonDocument> results = await collection.AggregateAsync($"{{ $sort: {sort} }}");
        return results.Select(r => r["_id"].AsInt32).ToList();
    }

    [Fact]
    public async Task Sort_MissingField_SortsAsNull()
    {
        List<int> ascending = await FindSortedAsync("{ v: 1, _id: 1 }", "{ _id: 1, v: 1 }", "{ _id: 2 }", "{ _id: 3, v: null }", "{ _id: 4, v: -1 }");

        Assert.Equal([2, 3, 4, 1], ascending);
    }

    [Fact]
    public async Task Sort_ArrayAscending_UsesSmallestElement()
    {
        List<int> ascending = await FindSortedAsync("{ v: 1 }", "{ _id: 1, v: [5, 1] }", "{ _id: 2, v: 3 }", "{ _id: 3, v: [2, 9] }", "{ _id: 4, v: 0 }");

        Assert.Equal([4, 1, 3, 2], ascending);
    }

    [Fact]
    public async Task Sort_ArrayDescending_UsesLargestElement()
    {
        List<int> descending = await FindSortedAsync("{ v: -1 }", "{ _id: 1, v: [5, 1] }", "{ _id: 2, v: 3 }", "{ _id: 3, v: [2, 9] }", "{ _id: 4, v: 6 }");

        Assert.Equal([3, 4, 1, 2], descending);
    }

    [Fact]
    public async Task Sort_EmptyArray_SortsBeforeNullAndMissing()
    {
        List<int> ascending = await FindSortedAsync("{ v: 1, _id: 1 }", "{ _id: 1, v: null }", "{ _id: 2, v: [] }", "{ _id: 3 }", "{ _id: 4, v: 1 }");

        Assert.Equal([2, 1, 3, 4], ascending);
    }

    [Fact]
    public async Task Sort_MixedTypes_FollowBsonTypeOrder()
    {
        List<int> ascending = await FindSortedAsync(
            "{ v: 1 }",
            "{ _id: 1, v: true }",
            "{ _id: 2, v: 'text' }",
            "{ _id: 3, v: ISODate('2020-01-01T00:00:00Z') }",
            "{ _id: 4, v: 42 }",
            "{ _id: 5, v: { a: 1 } }",
            "{ _id: 6, v: null }",
            "{ _id: 7, v: ObjectId('000000000000000000000001') }",
            "{ _id: 8, v: MinKey }",
            "{ _id: 9, v: MaxKey }");

        Assert.Equal([8, 6, 4, 2, 5, 7, 1, 3, 9], ascending);
    }

    [Fact]
    public async Task Sort_NumbersOfDifferentTypes_CompareNumerically()
    {
        List<int> ascending = await FindSortedAsync(
            "{ v: 1 }",
            "{ _id: 1, v: NumberLong(3) }",
            "{ _id: 2, v: 2.5 }",
            "{ _id: 3, v: NumberDecimal('-1.5') }",
            "{ _id: 4, v: 10 }",
            "{ _id: 5, v: 0.001 }");

        Assert.Equal([3, 5, 2, 1, 4], ascending);
    }

    [Fact]
    public async Task Sort_CompoundKeys_BreakTiesWithTheNextKey()
    {
        List<int> sorted = await FindSortedAsync(
            "{ group: 1, rank: -1 }", "{ _id: 1, group: 'b', rank: 1 }", "{ _id: 2, group: 'a', rank: 1 }", "{ _id: 3, group: 'a', rank: 2 }", "{ _id: 4, group: 'b', rank: 3 }");

        Assert.Equal([3, 2, 4, 1], sorted);
    }

    [Fact]
    public async Task Sort_DottedPathThroughArrayOfDocuments_UsesElementValues()
    {
        List<int> ascending = await FindSortedAsync(
            "{ 'items.price': 1 }", "{ _id: 1, items: [{ price: 8 }, { price: 4 }] }", "{ _id: 2, items: [{ price: 5 }] }", "{ _id: 3, items: { price: 1 } }");

        Assert.Equal([3, 1, 2], ascending);
    }

    [Fact]
    public async Task SortStage_ArraysAndMissing_MatchFindSort()
    {
        string[] documents = ["{ _id: 1, v: [5, 1] }", "{ _id: 2 }", "{ _id: 3, v: 'a' }", "{ _id: 4, v: [0, 'z'] }"];

        List<int> ascending = await AggregateSortedAsync("{ v: 1 }", documents);
        List<int> descending = await AggregateSortedAsync("{ v: -1 }", documents);

        Assert.Equal([2, 4, 1, 3], ascending);
        Assert.Equal([4, 3, 1, 2], descending);
    }

    [Theory]
    [InlineData("{ v: 2 }", 15975)]
    [InlineData("{ v: 0 }", 15975)]
    [InlineData("{ v: 'asc' }", 15974)]
    public async Task Sort_InvalidDirection_FailsWithMongoCode(string sort, int code)
    {
        MongoCommandException error = await Assert.ThrowsAsync<MongoCommandException>(() => FindSortedAsync(sort, "{ _id: 1 }"));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public async Task Sort_MetaTextScore_IsRefusedAsNotSupported()
    {
        if (!MongoTestServer.IsEmbedded)
        {
            return; // A real server needs a text index, which is a different error.
        }

        MongoCommandException error = await Assert.ThrowsAsync<MongoCommandException>(() => FindSortedAsync("{ score: { $meta: 'textScore' } }", "{ _id: 1 }"));

        Assert.Equal(2, error.Code);
        Assert.Contains("not supported by EmbeddedMongo", error.Message, StringComparison.Ordinal);
    }
}
