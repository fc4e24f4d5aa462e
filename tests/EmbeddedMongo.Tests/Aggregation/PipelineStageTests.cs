using MongoDB.Bson;
using MongoDB.Driver;
using static EmbeddedMongo.Tests.Aggregation.PipelineTestExtensions;

namespace EmbeddedMongo.Tests.Aggregation;

public sealed class PipelineStageTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private static readonly string[] Scores =
    [
        "{ _id: 1, player: 'ann', score: 30 }",
        "{ _id: 2, player: 'bob', score: 10 }",
        "{ _id: 3, player: 'cat', score: 50 }",
        "{ _id: 4, player: 'dan', score: 20 }",
        "{ _id: 5, player: 'eve', score: 40 }",
    ];

    /// <summary>Ids of several types, inserted out of order.</summary>
    private Task<IMongoCollection<BsonDocument>> MixedIdsAsync() => fixture.NewCollection<BsonDocument>().WithDocumentsAsync(
        "{ _id: 5, n: 1 }", "{ _id: 'x', n: 1 }", "{ _id: 2.5, n: 0 }", "{ _id: 1, n: 1 }", "{ _id: 4, n: 1 }", "{ _id: { k: 1 }, n: 1 }");

    private Task<IMongoCollection<BsonDocument>> ScoresAsync() => fixture.NewCollection<BsonDocument>().WithDocumentsAsync(Scores);

    [Fact]
    public async Task Match_Filter_KeepsMatchingDocuments()
    {
        List<BsonDocument> results = await (await ScoresAsync()).AggregateAsync("{ $match: { score: { $gte: 30 } } }", "{ $sort: { _id: 1 } }");

        Assert.Equal([1, 3, 5], results.Select(r => r["_id"].AsInt32));
    }

    [Fact]
    public async Task SortSkipLimit_Chain_ReturnsThePage()
    {
        List<BsonDocument> results = await (await ScoresAsync()).AggregateAsync(
            "{ $sort: { score: -1 } }", "{ $skip: 1 }", "{ $limit: 2 }", "{ $project: { _id: 0, player: 1 } }");

        AssertDocuments(results, "{ player: 'eve' }", "{ player: 'ann' }");
    }

    [Fact]
    public async Task SortThenLimit_TopK_ReturnsSmallestInOrder()
    {
        List<BsonDocument> results = await (await ScoresAsync()).AggregateAsync("{ $sort: { score: 1 } }", "{ $limit: 3 }");

        Assert.Equal([2, 4, 1], results.Select(r => r["_id"].AsInt32));
    }

    [Fact]
    public async Task LimitThenSort_Order_LimitsFirst()
    {
        List<BsonDocument> results = await (await ScoresAsync()).AggregateAsync("{ $sort: { _id: 1 } }", "{ $limit: 2 }", "{ $sort: { score: 1 } }");

        Assert.Equal([2, 1], results.Select(r => r["_id"].AsInt32));
    }

    [Fact]
    public async Task MatchThenSortById_WithLimit_ReturnsTheFirstMatchesInIdOrderAcrossTypes()
    {
        IMongoCollection<BsonDocument> collection = await MixedIdsAsync();

        List<BsonDocument> results = await collection.AggregateAsync("{ $match: { n: 1 } }", "{ $sort: { _id: 1 } }", "{ $limit: 4 }");

        AssertDocuments(results, "{ _id: 1, n: 1 }", "{ _id: 4, n: 1 }", "{ _id: 5, n: 1 }", "{ _id: 'x', n: 1 }");
    }

    [Fact]
    public async Task SortByIdThenGroup_Push_CollectsTheIdsInOrder()
    {
        IMongoCollection<BsonDocument> collection = await MixedIdsAsync();

        List<BsonDocument> results = await collection.AggregateAsync(
            "{ $match: { _id: { $gt: 1 } } }", "{ $sort: { _id: 1 } }", "{ $limit: 3 }", "{ $group: { _id: null, ids: { $push: '$_id' } } }");

        AssertDocuments(results, "{ _id: null, ids: [2.5, 4, 5] }");
    }

    [Fact]
    public async Task SortByIdDescending_WithLimit_ReturnsTheLargestIds()
    {
        IMongoCollection<BsonDocument> collection = await MixedIdsAsync();

        List<BsonDocument> results = await collection.AggregateAsync("{ $sort: { _id: -1 } }", "{ $limit: 2 }", "{ $project: { n: 0 } }");

        AssertDocuments(results, "{ _id: { k: 1 } }", "{ _id: 'x' }");
    }

    [Fact]
    public async Task SortById_AfterAProjectThatChangesIt_SortsTheNewIds()
    {
        IMongoCollection<BsonDocument> collection = await MixedIdsAsync();

        List<BsonDocument> results = await collection.AggregateAsync(
            "{ $match: { _id: { $gte: 4 } } }", "{ $project: { _id: { $subtract: [0, '$_id'] } } }", "{ $sort: { _id: 1 } }");

        AssertDocuments(results, "{ _id: -5 }", "{ _id: -4 }");
    }

    [Fact]
    public async Task Count_Documents_OutputsOneDocumentWithTheCount()
    {
        List<BsonDocument> results = await (await ScoresAsync()).AggregateAsync("{ $skip: 2 }", "{ $count: 'remaining' }");

        AssertDocuments(results, "{ remaining: 3 }");
    }

    [Fact]
    public async Task Count_NoInput_OutputsNothing()
    {
        List<BsonDocument> results = await (await ScoresAsync()).AggregateAsync("{ $skip: 10 }", "{ $count: 'n' }");

        Assert.Empty(results);
    }

    [Fact]
    public async Task EmptyPipeline_Documents_ReturnsThemUnchanged()
    {
        List<BsonDocument> results = await (await ScoresAsync()).AggregateAsync();

        AssertDocuments(results, Scores);
    }

    [Theory]
    [InlineData("{ $frobnicate: { } }", 40324, "Unrecognized pipeline stage name: '$frobnicate'")]
    [InlineData("{ $skip: 1, $limit: 1 }", 40323, "A pipeline stage specification object must contain exactly one field.")]
    [InlineData("{ $limit: 0 }", 15958, "the limit must be positive")]
    [InlineData("{ $limit: -1 }", 5107201, "invalid argument to $limit stage")]
    [InlineData("{ $limit: 'a' }", 5107201, "invalid argument to $limit stage")]
    [InlineData("{ $skip: -1 }", 5107200, "invalid argument to $skip stage")]
    [InlineData("{ $skip: 1.5 }", 5107200, "invalid argument to $skip stage")]
    [InlineData("{ $sort: { } }", 15976, "$sort stage must have at least one sort key")]
    [InlineData("{ $sort: 1 }", 15973, "the $sort key specification must be an object")]
    [InlineData("{ $sort: { score: 2 } }", 15975, "$sort key ordering must be 1 (for ascending) or -1 (for descending)")]
    [InlineData("{ $count: 1 }", 40156, "the count field must be a non-empty string")]
    [InlineData("{ $count: '$n' }", 40158, "the count field cannot be a $-prefixed path")]
    [InlineData("{ $count: 'a.b' }", 40160, "the count field cannot contain '.'")]
    [InlineData("{ $match: 1 }", 15959, "the match filter must be an expression in an object")]
    public async Task Pipeline_InvalidStage_FailsWithMongoCode(string stage, int code, string message)
    {
        MongoCommandException error = await (await ScoresAsync()).AggregateErrorAsync(stage);

        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ $facet: { a: [] } }")]
    [InlineData("{ $bucket: { groupBy: '$score', boundaries: [0, 100] } }")]
    [InlineData("{ $graphLookup: { from: 'x', startWith: '$a', connectFromField: 'a', connectToField: 'b', as: 'c' } }")]
    public async Task Pipeline_StageMongoDbHasButEmbeddedDoesNot_IsRefusedAsNotSupported(string stage)
    {
        if (!MongoTestServer.IsEmbedded)
        {
            return; // A real server runs these stages.
        }

        MongoCommandException error = await (await ScoresAsync()).AggregateErrorAsync(stage);

        Assert.Equal(2, error.Code);
        Assert.Contains("is not supported by EmbeddedMongo", error.Message, StringComparison.Ordinal);
    }
}
