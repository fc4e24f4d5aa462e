using EmbeddedMongo.Tests.Aggregation;
using MongoDB.Bson;
using MongoDB.Driver;
using static EmbeddedMongo.Tests.Aggregation.PipelineTestExtensions;

namespace EmbeddedMongo.Tests.Query;

public sealed class ProjectionTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string Post = "{ _id: 1, title: 'T', author: { name: 'Ann', email: 'a@x' }, comments: [{ by: 'b', text: 'hi', votes: 2 }, { by: 'c', votes: 5 }, 'spam', [{ by: 'd' }]], tags: ['a', 'b', 'c', 'd', 'e'], views: 10 }";

    private async Task<BsonDocument> FindProjectedAsync(string projection)
    {
        IMongoCollection<BsonDocument> collection = await fixture.NewCollection<BsonDocument>().WithDocumentsAsync(Post);
        return await collection.Find(FilterDefinition<BsonDocument>.Empty).Project(BsonDocument.Parse(projection)).SingleAsync();
    }

    [Theory]
    [InlineData("{ title: 1 }", "{ _id: 1, title: 'T' }")]
    [InlineData("{ views: true, title: 1 }", "{ _id: 1, title: 'T', views: 10 }")]
    [InlineData("{ title: 1, _id: 0 }", "{ title: 'T' }")]
    [InlineData("{ 'author.name': 1 }", "{ _id: 1, author: { name: 'Ann' } }")]
    [InlineData("{ author: { email: 1 }, _id: 0 }", "{ author: { email: 'a@x' } }")]
    [InlineData("{ _id: 1 }", "{ _id: 1 }")]
    public async Task Project_Inclusion_KeepsOnlyTheFieldsAndId(string projection, string expected)
    {
        BsonDocument result = await FindProjectedAsync(projection);

        AssertDocuments([result], expected);
    }

    [Theory]
    [InlineData("{ comments: 0, tags: 0, author: 0 }", "{ _id: 1, title: 'T', views: 10 }")]
    [InlineData("{ _id: 0, comments: 0, tags: 0, 'author.email': 0 }", "{ title: 'T', author: { name: 'Ann' }, views: 10 }")]
    [InlineData("{ _id: 0 }", "{ title: 'T', author: { name: 'Ann', email: 'a@x' }, comments: [{ by: 'b', text: 'hi', votes: 2 }, { by: 'c', votes: 5 }, 'spam', [{ by: 'd' }]], tags: ['a', 'b', 'c', 'd', 'e'], views: 10 }")]
    public async Task Project_Exclusion_RemovesOnlyTheFields(string projection, string expected)
    {
        BsonDocument result = await FindProjectedAsync(projection);

        AssertDocuments([result], expected);
    }

    [Fact]
    public async Task Project_DottedInclusionThroughArray_ProjectsEachDocumentAndDropsOtherElements()
    {
        BsonDocument result = await FindProjectedAsync("{ _id: 0, 'comments.by': 1 }");

        AssertDocuments([result], "{ comments: [{ by: 'b' }, { by: 'c' }] }");
    }

    [Fact]
    public async Task Project_DottedExclusionThroughArray_LeavesNestedArraysAlone()
    {
        BsonDocument result = await FindProjectedAsync("{ _id: 0, title: 0, author: 0, tags: 0, views: 0, 'comments.votes': 0 }");

        AssertDocuments([result], "{ comments: [{ by: 'b', text: 'hi' }, { by: 'c' }, 'spam', [{ by: 'd' }]] }");
    }

    [Theory]
    [InlineData("{ tags: { $slice: 2 } }", "['a', 'b']")]
    [InlineData("{ tags: { $slice: -2 } }", "['d', 'e']")]
    [InlineData("{ tags: { $slice: [1, 2] } }", "['b', 'c']")]
    [InlineData("{ tags: { $slice: [-2, 5] } }", "['d', 'e']")]
    [InlineData("{ tags: { $slice: [10, 2] } }", "[]")]
    public async Task Project_Slice_KeepsOtherFieldsAndSlicesTheArray(string projection, string expectedTags)
    {
        BsonDocument result = await FindProjectedAsync(projection);

        AssertBson(expectedTags, result["tags"]);
        Assert.Equal("T", result["title"].AsString);
    }

    [Fact]
    public async Task Project_SliceWithInclusion_IncludesTheSlicedField()
    {
        BsonDocument result = await FindProjectedAsync("{ title: 1, tags: { $slice: 1 } }");

        AssertDocuments([result], "{ _id: 1, title: 'T', tags: ['a'] }");
    }

    [Fact]
    public async Task Project_ElemMatch_ReturnsFirstMatchingElement()
    {
        BsonDocument result = await FindProjectedAsync("{ comments: { $elemMatch: { votes: { $gt: 1 } } } }");

        AssertDocuments([result], "{ _id: 1, comments: [{ by: 'b', text: 'hi', votes: 2 }] }");
    }

    [Fact]
    public async Task Project_AggregationExpressions_ComputeFields()
    {
        BsonDocument result = await FindProjectedAsync("{ _id: 0, title: 1, upper: { $toUpper: '$title' }, tagCount: { $size: '$tags' }, who: '$author.name', fixed: 'x' }");

        AssertDocuments([result], "{ title: 'T', upper: 'T', tagCount: 5, who: 'Ann', fixed: 'x' }");
    }

    [Theory]
    [InlineData("{ title: 1, views: 0 }", 31254, "Cannot do exclusion on field views in inclusion projection")]
    [InlineData("{ views: 0, title: 1 }", 31253, "Cannot do inclusion on field title in exclusion projection")]
    [InlineData("{ views: 0, doubled: { $multiply: ['$views', 2] } }", 31252, "Cannot use expression other than $meta in exclusion projection")]
    [InlineData("{ author: 1, 'author.name': 1 }", 31249, "Path collision at author.name")]
    [InlineData("{ author: { } }", 51270, "Invalid empty sub-projection")]
    [InlineData("{ 'comments.$.by': 1 }", 31394, "As of 4.4, it's illegal to specify positional operator in the middle of a path")]
    public async Task Project_InvalidProjection_FailsWithMongoCode(string projection, int code, string message)
    {
        MongoCommandException error = await Assert.ThrowsAsync<MongoCommandException>(() => FindProjectedAsync(projection));

        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Project_StoredDocument_IsNotModified()
    {
        IMongoCollection<BsonDocument> collection = await fixture.NewCollection<BsonDocument>().WithDocumentsAsync(Post);
        await collection.Find(FilterDefinition<BsonDocument>.Empty).Project(BsonDocument.Parse("{ 'comments.by': 0, tags: { $slice: 1 } }")).SingleAsync();

        BsonDocument stored = await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync();

        AssertDocuments([stored], Post);
    }
}
