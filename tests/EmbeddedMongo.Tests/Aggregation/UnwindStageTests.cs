using MongoDB.Bson;
using MongoDB.Driver;
using static EmbeddedMongo.Tests.Aggregation.PipelineTestExtensions;

namespace EmbeddedMongo.Tests.Aggregation;

public sealed class UnwindStageTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private static readonly string[] Inventory =
    [
        "{ _id: 1, sizes: ['S', 'M'], meta: { colors: ['red', 'blue'] } }",
        "{ _id: 2, sizes: [] }",
        "{ _id: 3, sizes: null }",
        "{ _id: 4 }",
        "{ _id: 5, sizes: 'L' }",
    ];

    private Task<IMongoCollection<BsonDocument>> InventoryAsync() => fixture.NewCollection<BsonDocument>().WithDocumentsAsync(Inventory);

    [Fact]
    public async Task Unwind_StringPath_OneDocumentPerElementAndScalarsPassThrough()
    {
        List<BsonDocument> results = await (await InventoryAsync()).AggregateAsync("{ $unwind: '$sizes' }", "{ $project: { meta: 0 } }");

        AssertDocuments(results, "{ _id: 1, sizes: 'S' }", "{ _id: 1, sizes: 'M' }", "{ _id: 5, sizes: 'L' }");
    }

    [Fact]
    public async Task Unwind_PreserveNullAndEmptyArrays_KeepsThoseDocuments()
    {
        List<BsonDocument> results = await (await InventoryAsync()).AggregateAsync(
            "{ $unwind: { path: '$sizes', preserveNullAndEmptyArrays: true, includeArrayIndex: 'i' } }", "{ $project: { meta: 0 } }");

        AssertDocuments(
            results,
            "{ _id: 1, sizes: 'S', i: NumberLong(0) }",
            "{ _id: 1, sizes: 'M', i: NumberLong(1) }",
            "{ _id: 2, i: null }",
            "{ _id: 3, sizes: null, i: null }",
            "{ _id: 4, i: null }",
            "{ _id: 5, sizes: 'L', i: null }");
    }

    [Fact]
    public async Task Unwind_NestedPath_ReplacesTheEmbeddedField()
    {
        List<BsonDocument> results = await (await InventoryAsync()).AggregateAsync("{ $unwind: '$meta.colors' }", "{ $project: { sizes: 0 } }");

        AssertDocuments(results, "{ _id: 1, meta: { colors: 'red' } }", "{ _id: 1, meta: { colors: 'blue' } }");
    }

    [Fact]
    public async Task Unwind_ThenGroup_CountsElements()
    {
        List<BsonDocument> results = await (await InventoryAsync()).AggregateAsync(
            "{ $unwind: '$sizes' }", "{ $group: { _id: '$sizes', n: { $sum: 1 } } }", "{ $sort: { _id: -1 } }");

        AssertDocuments(results, "{ _id: 'S', n: 1 }", "{ _id: 'M', n: 1 }", "{ _id: 'L', n: 1 }");
    }

    [Theory]
    [InlineData("{ $unwind: 'sizes' }", 28818, "path option to $unwind stage should be prefixed with a '$': sizes")]
    [InlineData("{ $unwind: 5 }", 15981, "expected either a string or an object as specification for $unwind stage")]
    [InlineData("{ $unwind: { preserveNullAndEmptyArrays: true } }", 28812, "no path specified to $unwind stage")]
    [InlineData("{ $unwind: { path: '$sizes', other: 1 } }", 28811, "unrecognized option to $unwind stage: other")]
    [InlineData("{ $unwind: { path: '$sizes', includeArrayIndex: '$i' } }", 28822, "should not be prefixed with a '$'")]
    [InlineData("{ $unwind: { path: '$sizes', preserveNullAndEmptyArrays: 1 } }", 28809, "expected a boolean for the preserveNullAndEmptyArrays option")]
    public async Task Unwind_InvalidSpecification_FailsWithMongoCode(string stage, int code, string message)
    {
        MongoCommandException error = await (await InventoryAsync()).AggregateErrorAsync(stage);

        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
