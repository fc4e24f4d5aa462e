using MongoDB.Bson;
using MongoDB.Driver;
using static EmbeddedMongo.Tests.Aggregation.PipelineTestExtensions;

namespace EmbeddedMongo.Tests.Aggregation;

public sealed class LookupStageTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private async Task<(IMongoCollection<BsonDocument> Orders, string Products)> SetUpAsync()
    {
        IMongoCollection<BsonDocument> products = await fixture.NewCollection<BsonDocument>("products").WithDocumentsAsync(
            "{ _id: 10, sku: 'x', name: 'X' }",
            "{ _id: 11, sku: 'y', name: 'Y' }",
            "{ _id: 12, sku: ['z', 'w'], name: 'ZW' }",
            "{ _id: 13, name: 'no sku' }",
            "{ _id: 14, sku: null, name: 'null sku' }");
        IMongoCollection<BsonDocument> orders = await fixture.NewCollection<BsonDocument>("orders").WithDocumentsAsync(
            "{ _id: 1, sku: 'x' }",
            "{ _id: 2, sku: ['y', 'w', 'x'] }",
            "{ _id: 3 }",
            "{ _id: 4, sku: 'none' }",
            "{ _id: 5, lines: [{ sku: 'w' }, { sku: 'y' }] }");
        return (orders, products.CollectionNamespace.CollectionName);
    }

    [Fact]
    public async Task Lookup_EqualityForm_JoinsOnEqualityWithArraysAndMissingAsNull()
    {
        (IMongoCollection<BsonDocument> orders, string products) = await SetUpAsync();

        List<BsonDocument> results = await orders.AggregateAsync(
            $"{{ $lookup: {{ from: '{products}', localField: 'sku', foreignField: 'sku', as: 'found' }} }}",
            "{ $project: { ids: '$found._id' } }",
            "{ $sort: { _id: 1 } }");

        // MongoDB does not promise the order of the joined documents: compare them as sets.
        Assert.Equal([1, 2, 3, 4, 5], results.Select(r => r["_id"].AsInt32));
        Assert.Equal(
            [[10], [10, 11, 12], [13, 14], [], [13, 14]],
            results.Select(r => r["ids"].AsBsonArray.Select(id => id.AsInt32).Order().ToArray()));
    }

    [Fact]
    public async Task Lookup_LocalPathThroughArrayOfDocuments_MatchesAnyElement()
    {
        (IMongoCollection<BsonDocument> orders, string products) = await SetUpAsync();

        List<BsonDocument> results = await orders.AggregateAsync(
            $"{{ $lookup: {{ from: '{products}', localField: 'lines.sku', foreignField: 'sku', as: 'joined.products' }} }}");

        BsonDocument order = Assert.Single(results, r => r["_id"] == 5);
        Assert.Equal(["Y", "ZW"], order["joined"]["products"].AsBsonArray.Select(p => p["name"].AsString).Order());
        Assert.Equal(2, order["lines"].AsBsonArray.Count);
    }

    [Fact]
    public async Task Lookup_UnknownCollection_GivesEmptyArrays()
    {
        (IMongoCollection<BsonDocument> orders, _) = await SetUpAsync();

        List<BsonDocument> results = await orders.AggregateAsync(
            "{ $lookup: { from: 'doesNotExist', localField: 'sku', foreignField: 'sku', as: 'found' } }", "{ $project: { found: 1 } }");

        Assert.All(results, r => Assert.Empty(r["found"].AsBsonArray));
        Assert.Equal(5, results.Count);
    }

    [Theory]
    [InlineData("{ $lookup: { from: 'p', localField: 'a', foreignField: 'b' } }", "must specify 'as' field for a $lookup")]
    [InlineData("{ $lookup: { from: 'p', localField: 'a', foreignField: 'b', as: 'c', bogus: 1 } }", "unknown argument to $lookup: bogus")]
    [InlineData("{ $lookup: { from: 'p', localField: 'a', as: 'c' } }", "both 'localField' and 'foreignField'")]
    public async Task Lookup_InvalidSpecification_FailsWithFailedToParse(string stage, string message)
    {
        (IMongoCollection<BsonDocument> orders, _) = await SetUpAsync();

        MongoCommandException error = await orders.AggregateErrorAsync(stage);

        Assert.Equal(9, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
