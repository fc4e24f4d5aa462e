using MongoDB.Bson;
using MongoDB.Driver;
using static EmbeddedMongo.Tests.Aggregation.PipelineTestExtensions;

namespace EmbeddedMongo.Tests.Aggregation;

public sealed class ProjectStageTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string Order = "{ _id: 1, b: 2, a: 1, c: { x: 1, y: 2 }, lines: [{ sku: 'p', qty: 2 }, { sku: 'q' }, 5, [{ sku: 'r' }]] }";

    private Task<IMongoCollection<BsonDocument>> OrdersAsync() => fixture.NewCollection<BsonDocument>().WithDocumentsAsync(Order);

    [Fact]
    public async Task Project_Inclusion_KeepsInputOrderAndId()
    {
        List<BsonDocument> results = await (await OrdersAsync()).AggregateAsync("{ $project: { a: 1, b: 1 } }");

        AssertDocuments(results, "{ _id: 1, b: 2, a: 1 }");
    }

    [Fact]
    public async Task Project_IdExcluded_LeavesIdOut()
    {
        List<BsonDocument> results = await (await OrdersAsync()).AggregateAsync("{ $project: { _id: 0, 'c.y': 1 } }");

        AssertDocuments(results, "{ c: { y: 2 } }");
    }

    [Fact]
    public async Task Project_Exclusion_RemovesOnlyTheFields()
    {
        List<BsonDocument> results = await (await OrdersAsync()).AggregateAsync("{ $project: { lines: 0, 'c.x': 0 } }");

        AssertDocuments(results, "{ _id: 1, b: 2, a: 1, c: { y: 2 } }");
    }

    [Fact]
    public async Task Project_OnlyIdExcluded_IsAnExclusion()
    {
        List<BsonDocument> results = await (await OrdersAsync()).AggregateAsync("{ $project: { _id: 0 } }", "{ $project: { lines: 0 } }");

        AssertDocuments(results, "{ b: 2, a: 1, c: { x: 1, y: 2 } }");
    }

    [Fact]
    public async Task Project_DottedInclusionThroughArray_ProjectsEachDocumentAndRecursesNestedArrays()
    {
        List<BsonDocument> results = await (await OrdersAsync()).AggregateAsync("{ $project: { _id: 0, 'lines.sku': 1 } }");

        AssertDocuments(results, "{ lines: [{ sku: 'p' }, { sku: 'q' }, [{ sku: 'r' }]] }");
    }

    [Fact]
    public async Task Project_ComputedFields_FollowIncludedFieldsInSpecificationOrder()
    {
        List<BsonDocument> results = await (await OrdersAsync()).AggregateAsync(
            "{ $project: { total: { $add: ['$a', '$b'] }, a: 1, label: 'fixed', renamed: '$c.x' } }");

        AssertDocuments(results, "{ _id: 1, a: 1, total: 3, label: 'fixed', renamed: 1 }");
    }

    [Fact]
    public async Task Project_NestedSpecification_EqualsDottedPaths()
    {
        List<BsonDocument> results = await (await OrdersAsync()).AggregateAsync("{ $project: { _id: 0, c: { y: 1, z: { $literal: 3 } } } }");

        AssertDocuments(results, "{ c: { y: 2, z: 3 } }");
    }

    [Fact]
    public async Task Project_ComputedDottedPathOverScalar_ReplacesItWithDocument()
    {
        List<BsonDocument> results = await (await OrdersAsync()).AggregateAsync("{ $project: { _id: 0, 'a.z': { $literal: true }, 'new.v': '$b' } }");

        AssertDocuments(results, "{ a: { z: true }, new: { v: 2 } }");
    }

    [Fact]
    public async Task Project_RemoveVariable_LeavesFieldOut()
    {
        List<BsonDocument> results = await (await OrdersAsync()).AggregateAsync(
            "{ $project: { a: { $cond: [{ $gt: ['$a', 5] }, '$a', '$$REMOVE'] }, b: 1 } }");

        AssertDocuments(results, "{ _id: 1, b: 2 }");
    }

    [Theory]
    [InlineData("{ $project: { a: 1, b: 0 } }", 31254, "Cannot do exclusion on field b in inclusion projection")]
    [InlineData("{ $project: { b: 0, a: 1 } }", 31253, "Cannot do inclusion on field a in exclusion projection")]
    [InlineData("{ $project: { b: 0, a: { $add: [1, 2] } } }", 31252, "Cannot use expression other than $meta in exclusion projection")]
    [InlineData("{ $project: { b: 0, a: 'text' } }", 31310, "in an exclusion projection")]
    [InlineData("{ $project: { } }", 51272, "projection specification must have at least one field")]
    [InlineData("{ $project: { c: { } } }", 51270, "Invalid empty sub-projection")]
    [InlineData("{ $project: { c: 1, 'c.x': 1 } }", 31249, "Path collision at c.x")]
    [InlineData("{ $project: { 'c.x': 1, c: 1 } }", 31250, "Path collision at c")]
    [InlineData("{ $project: { a: { $frobnicate: 1 } } }", 31325, "Unknown expression $frobnicate")]
    [InlineData("{ $project: { 'a.$': 1 } }", 31324, "Cannot use positional projection in aggregation projection")]
    [InlineData("{ $project: 1 }", 15969, "$project specification must be an object")]
    public async Task Project_InvalidSpecification_FailsWithMongoCode(string stage, int code, string message)
    {
        MongoCommandException error = await (await OrdersAsync()).AggregateErrorAsync(stage);

        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
