using MongoDB.Bson;
using MongoDB.Driver;
using static EmbeddedMongo.Tests.Aggregation.PipelineTestExtensions;

namespace EmbeddedMongo.Tests.Aggregation;

public sealed class AddFieldsStageTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string User = "{ _id: 1, name: 'Ann', address: { city: 'Oslo', zip: '0150' }, pets: [{ kind: 'cat' }, { kind: 'dog' }], score: 3 }";

    private Task<IMongoCollection<BsonDocument>> UsersAsync() => fixture.NewCollection<BsonDocument>().WithDocumentsAsync(User);

    [Fact]
    public async Task Set_NewAndExistingFields_AppendsNewAndReplacesInPlace()
    {
        List<BsonDocument> results = await (await UsersAsync()).AggregateAsync(
            "{ $set: { name: { $toUpper: '$name' }, double: { $multiply: ['$score', 2] } } }", "{ $project: { pets: 0, address: 0 } }");

        AssertDocuments(results, "{ _id: 1, name: 'ANN', score: 3, double: 6 }");
    }

    [Fact]
    public async Task AddFields_EmbeddedDocumentSpecification_MergesIntoExistingDocument()
    {
        List<BsonDocument> results = await (await UsersAsync()).AggregateAsync(
            "{ $addFields: { address: { country: 'NO' }, 'address.city': 'Bergen' } }", "{ $project: { _id: 0, address: 1 } }");

        AssertDocuments(results, "{ address: { city: 'Bergen', zip: '0150', country: 'NO' } }");
    }

    [Fact]
    public async Task AddFields_DottedPathThroughArray_SetsFieldInEachElement()
    {
        List<BsonDocument> results = await (await UsersAsync()).AggregateAsync("{ $addFields: { 'pets.owner': '$name' } }", "{ $project: { _id: 0, pets: 1 } }");

        AssertDocuments(results, "{ pets: [{ kind: 'cat', owner: 'Ann' }, { kind: 'dog', owner: 'Ann' }] }");
    }

    [Fact]
    public async Task AddFields_LiteralNumbersAndEmptyDocument_AreValuesNotProjectionFlags()
    {
        List<BsonDocument> results = await (await UsersAsync()).AggregateAsync(
            "{ $addFields: { one: 1, zero: false, empty: { } } }", "{ $project: { _id: 0, one: 1, zero: 1, empty: 1 } }");

        AssertDocuments(results, "{ one: 1, zero: false, empty: { } }");
    }

    [Fact]
    public async Task Set_RemoveVariableOrMissingValue_RemovesField()
    {
        List<BsonDocument> results = await (await UsersAsync()).AggregateAsync("{ $set: { name: '$$REMOVE', score: '$nothing' } }", "{ $project: { pets: 0 } }");

        AssertDocuments(results, "{ _id: 1, address: { city: 'Oslo', zip: '0150' } }");
    }

    [Fact]
    public async Task Set_StoredDocument_IsNotModified()
    {
        IMongoCollection<BsonDocument> users = await UsersAsync();
        await users.AggregateAsync("{ $set: { 'address.city': 'Bergen', name: 'Bob' } }", "{ $unset: 'pets' }");

        BsonDocument stored = await users.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync();

        AssertDocuments([stored], User);
    }

    [Theory]
    [InlineData("{ $unset: 'pets' }", "{ _id: 1, name: 'Ann', address: { city: 'Oslo', zip: '0150' }, score: 3 }")]
    [InlineData("{ $unset: ['pets', 'address.zip', 'score', '_id'] }", "{ name: 'Ann', address: { city: 'Oslo' } }")]
    [InlineData("{ $unset: ['pets.kind', 'address', 'nothing'] }", "{ _id: 1, name: 'Ann', pets: [{ }, { }], score: 3 }")]
    public async Task Unset_Fields_RemovesThem(string stage, string expected)
    {
        List<BsonDocument> results = await (await UsersAsync()).AggregateAsync(stage);

        AssertDocuments(results, expected);
    }

    [Theory]
    [InlineData("{ $addFields: 1 }", 40272)]
    [InlineData("{ $set: { '$bad': 1 } }", 16410)]
    [InlineData("{ $unset: 1 }", 31002)]
    [InlineData("{ $unset: [1] }", 31120)]
    public async Task AddFieldsAndUnset_InvalidSpecification_FailsWithMongoCode(string stage, int code)
    {
        MongoCommandException error = await (await UsersAsync()).AggregateErrorAsync(stage);

        Assert.Equal(code, error.Code);
    }

    [Theory]
    [InlineData("{ $replaceRoot: { newRoot: '$address' } }", "{ city: 'Oslo', zip: '0150' }")]
    [InlineData("{ $replaceWith: { $mergeObjects: [{ _id: '$_id' }, '$address'] } }", "{ _id: 1, city: 'Oslo', zip: '0150' }")]
    [InlineData("{ $replaceWith: { n: '$name', first: { $arrayElemAt: ['$pets.kind', 0] } } }", "{ n: 'Ann', first: 'cat' }")]
    public async Task ReplaceRoot_DocumentExpression_BecomesTheDocument(string stage, string expected)
    {
        List<BsonDocument> results = await (await UsersAsync()).AggregateAsync(stage);

        AssertDocuments(results, expected);
    }

    [Theory]
    [InlineData("{ $replaceRoot: { newRoot: '$name' } }")]
    [InlineData("{ $replaceRoot: { newRoot: '$missing' } }")]
    [InlineData("{ $replaceWith: '$pets' }")]
    public async Task ReplaceRoot_NotADocument_FailsWith40228(string stage)
    {
        MongoCommandException error = await (await UsersAsync()).AggregateErrorAsync(stage);

        Assert.Equal(40228, error.Code);
        Assert.Contains("must evaluate to an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplaceRoot_WithoutNewRoot_FailsWith40414()
    {
        MongoCommandException error = await (await UsersAsync()).AggregateErrorAsync("{ $replaceRoot: { } }");

        Assert.Equal(40414, error.Code);
    }
}
