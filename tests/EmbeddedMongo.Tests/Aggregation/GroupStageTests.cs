using MongoDB.Bson;
using MongoDB.Driver;
using static EmbeddedMongo.Tests.Aggregation.PipelineTestExtensions;

namespace EmbeddedMongo.Tests.Aggregation;

public sealed class GroupStageTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private static readonly string[] Sales =
    [
        "{ _id: 1, item: 'a', price: 10, qty: 2, tags: ['x'] }",
        "{ _id: 2, item: 'b', price: 20, qty: NumberLong(1), tags: ['y'] }",
        "{ _id: 3, item: 'a', price: 5.5, qty: 'n/a', tags: ['x'] }",
        "{ _id: 4, item: null, price: 1 }",
        "{ _id: 5, price: 2, qty: 3 }",
    ];

    private Task<IMongoCollection<BsonDocument>> SalesAsync() => fixture.NewCollection<BsonDocument>().WithDocumentsAsync(Sales);

    [Fact]
    public async Task Group_ByField_OneDocumentPerValueWithMissingAsNull()
    {
        List<BsonDocument> results = await (await SalesAsync()).AggregateAsync(
            "{ $group: { _id: '$item', n: { $sum: 1 }, ids: { $push: '$_id' } } }", "{ $sort: { _id: 1 } }");

        AssertDocuments(results, "{ _id: null, n: 2, ids: [4, 5] }", "{ _id: 'a', n: 2, ids: [1, 3] }", "{ _id: 'b', n: 1, ids: [2] }");
    }

    [Fact]
    public async Task Group_NullId_GroupsEverything()
    {
        List<BsonDocument> results = await (await SalesAsync()).AggregateAsync("{ $group: { _id: null, count: { $count: { } }, total: { $sum: '$price' } } }");

        AssertDocuments(results, "{ _id: null, count: 5, total: 38.5 }");
    }

    [Fact]
    public async Task Group_DocumentId_GroupsByEachComponentAndOmitsMissingOnes()
    {
        List<BsonDocument> results = await (await SalesAsync()).AggregateAsync(
            "{ $group: { _id: { item: '$item', big: { $gte: ['$price', 10] } }, n: { $sum: 1 } } }", "{ $sort: { _id: 1 } }");

        AssertDocuments(
            results,
            "{ _id: { item: null, big: false }, n: 1 }",
            "{ _id: { item: 'a', big: false }, n: 1 }",
            "{ _id: { item: 'a', big: true }, n: 1 }",
            "{ _id: { item: 'b', big: true }, n: 1 }",
            "{ _id: { big: false }, n: 1 }");
    }

    [Fact]
    public async Task Group_NumericKeysOfDifferentTypes_FallInOneGroup()
    {
        IMongoCollection<BsonDocument> collection = await fixture.NewCollection<BsonDocument>().WithDocumentsAsync(
            "{ _id: 1, k: 1 }", "{ _id: 2, k: NumberLong(1) }", "{ _id: 3, k: 1.0 }", "{ _id: 4, k: '1' }");

        List<BsonDocument> results = await collection.AggregateAsync("{ $group: { _id: '$k', n: { $sum: 1 } } }", "{ $sort: { n: -1 } }");

        Assert.Equal([3, 1], results.Select(r => r["n"].AsInt32));
        Assert.Equal(BsonType.String, results[1]["_id"].BsonType);
    }

    [Fact]
    public async Task Sum_MixedTypes_IgnoresNonNumbersAndWidens()
    {
        List<BsonDocument> results = await (await SalesAsync()).AggregateAsync(
            "{ $group: { _id: null, qty: { $sum: '$qty' }, price: { $sum: '$price' }, none: { $sum: '$item' } } }");

        AssertDocuments(results, "{ _id: null, qty: NumberLong(6), price: 38.5, none: 0 }");
    }

    [Fact]
    public async Task Sum_IntOverflow_BecomesLong()
    {
        IMongoCollection<BsonDocument> collection = await fixture.NewCollection<BsonDocument>().WithDocumentsAsync("{ v: 2147483647 }", "{ v: 2147483647 }");

        List<BsonDocument> results = await collection.AggregateAsync("{ $group: { _id: null, s: { $sum: '$v' } } }");

        AssertDocuments(results, "{ _id: null, s: NumberLong(4294967294) }");
    }

    [Fact]
    public async Task Avg_Values_AveragesNumbersOnlyAndIsNullWithoutThem()
    {
        List<BsonDocument> results = await (await SalesAsync()).AggregateAsync(
            "{ $group: { _id: '$item', avgQty: { $avg: '$qty' } } }", "{ $sort: { _id: 1 } }");

        AssertDocuments(results, "{ _id: null, avgQty: 3.0 }", "{ _id: 'a', avgQty: 2.0 }", "{ _id: 'b', avgQty: 1.0 }");
    }

    [Fact]
    public async Task MinMax_Values_UseBsonOrderAndIgnoreNull()
    {
        List<BsonDocument> results = await (await SalesAsync()).AggregateAsync(
            "{ $group: { _id: null, minItem: { $min: '$item' }, maxItem: { $max: '$item' }, minQty: { $min: '$qty' }, maxQty: { $max: '$qty' }, none: { $max: '$missing' } } }");

        AssertDocuments(results, "{ _id: null, minItem: 'a', maxItem: 'b', minQty: NumberLong(1), maxQty: 'n/a', none: null }");
    }

    [Fact]
    public async Task FirstLast_SortedInput_TakeFirstAndLastIncludingMissingAsNull()
    {
        List<BsonDocument> results = await (await SalesAsync()).AggregateAsync(
            "{ $sort: { _id: 1 } }", "{ $group: { _id: null, first: { $first: '$item' }, last: { $last: '$item' }, lastQty: { $last: '$tags' } } }");

        AssertDocuments(results, "{ _id: null, first: 'a', last: null, lastQty: null }");
    }

    [Fact]
    public async Task PushAndAddToSet_Values_CollectSkippingMissing()
    {
        List<BsonDocument> results = await (await SalesAsync()).AggregateAsync(
            "{ $sort: { _id: 1 } }",
            "{ $group: { _id: null, items: { $push: '$item' }, tags: { $addToSet: '$tags' }, distinctItems: { $addToSet: '$item' } } }",
            "{ $project: { _id: 0, items: 1, tags: { $size: '$tags' }, distinctItems: { $size: '$distinctItems' } } }");

        AssertDocuments(results, "{ items: ['a', 'b', 'a', null], tags: 2, distinctItems: 3 }");
    }

    [Theory]
    [InlineData("{ $group: { n: { $sum: 1 } } }", 15955, "a group specification must include an _id")]
    [InlineData("{ $group: { _id: null, n: 1 } }", 40234, "must be an accumulator object")]
    [InlineData("{ $group: { _id: null, n: { $sum: 1, $avg: 1 } } }", 40238, "must specify one accumulator")]
    [InlineData("{ $group: { _id: null, 'a.b': { $sum: 1 } } }", 40235, "cannot contain '.'")]
    [InlineData("{ $group: { _id: null, n: { $frobnicate: 1 } } }", 15952, "unknown group operator '$frobnicate'")]
    [InlineData("{ $group: { _id: null, n: { $sum: [1, 2] } } }", 40237, "is a unary operator")]
    [InlineData("{ $group: 1 }", 15947, "a group's fields must be specified in an object")]
    public async Task Group_InvalidSpecification_FailsWithMongoCode(string stage, int code, string message)
    {
        MongoCommandException error = await (await SalesAsync()).AggregateErrorAsync(stage);

        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
