using MongoDB.Bson;
using MongoDB.Driver;
using static EmbeddedMongo.Tests.Aggregation.PipelineTestExtensions;

namespace EmbeddedMongo.Tests.Aggregation;

public sealed class ArrayExpressionTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string Document = "{ _id: 1, tags: ['a', 'b', 'c'], items: [{ sku: 'x', qty: 1 }, { sku: 'y' }, 7, { sku: 'z', qty: 3 }], empty: [], n: null, nested: { deep: { v: 5 } } }";

    private IMongoCollection<BsonDocument> NewCollection() => fixture.NewCollection<BsonDocument>();

    [Theory]
    [InlineData("'$nested.deep.v'", "5")]
    [InlineData("'$items.sku'", "['x', 'y', 'z']")]
    [InlineData("'$items.qty'", "[1, 3]")]
    [InlineData("'$tags'", "['a', 'b', 'c']")]
    [InlineData("'$$ROOT.nested.deep'", "{ v: 5 }")]
    [InlineData("'$$CURRENT._id'", "1")]
    [InlineData("{ $literal: '$tags' }", "'$tags'")]
    [InlineData("{ total: { $add: ['$_id', 1] }, list: ['$_id', '$missing'] }", "{ total: 2, list: [1, null] }")]
    [InlineData("{ kept: '$_id', dropped: '$missing' }", "{ kept: 1 }")]
    public async Task FieldPath_Paths_ResolveLikeMongoDb(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync(Document, expression);

        AssertBson(expected, result);
    }

    [Theory]
    [InlineData("'$missing'")]
    [InlineData("'$nested.deep.v.w'")]
    [InlineData("'$$REMOVE'")]
    public async Task FieldPath_NothingThere_IsMissing(string expression)
    {
        BsonValue? result = await NewCollection().EvaluateAsync(Document, expression);

        Assert.Null(result);
    }

    [Fact]
    public async Task SystemVariable_Now_IsTheCurrentDate()
    {
        DateTime before = DateTime.UtcNow.AddMinutes(-1);

        BsonValue? result = await NewCollection().EvaluateAsync(Document, "'$$NOW'");

        Assert.Equal(BsonType.DateTime, result?.BsonType);
        Assert.InRange(result!.ToUniversalTime(), before, DateTime.UtcNow.AddMinutes(1));
    }

    [Theory]
    [InlineData("'$a..b'", 15998)]
    [InlineData("'$a.$b'", 16410)]
    [InlineData("'$'", 16872)]
    [InlineData("'$$undefinedVariable'", 17276)]
    public async Task FieldPath_InvalidPath_FailsWithMongoCode(string expression, int code)
    {
        MongoCommandException error = await NewCollection().EvaluateErrorAsync(Document, expression);

        Assert.Equal(code, error.Code);
    }

    [Theory]
    [InlineData("{ $size: '$tags' }", "3")]
    [InlineData("{ $size: [[]] }", "0")]
    [InlineData("{ $arrayElemAt: ['$tags', 0] }", "'a'")]
    [InlineData("{ $arrayElemAt: ['$tags', -1] }", "'c'")]
    [InlineData("{ $arrayElemAt: ['$tags', 1.0] }", "'b'")]
    [InlineData("{ $arrayElemAt: ['$n', 0] }", "null")]
    [InlineData("{ $isArray: '$tags' }", "true")]
    [InlineData("{ $isArray: ['$n'] }", "false")]
    [InlineData("{ $slice: ['$tags', 2] }", "['a', 'b']")]
    [InlineData("{ $slice: ['$tags', -2] }", "['b', 'c']")]
    [InlineData("{ $slice: ['$tags', 1, 5] }", "['b', 'c']")]
    [InlineData("{ $concatArrays: ['$tags', [1]] }", "['a', 'b', 'c', 1]")]
    [InlineData("{ $map: { input: '$tags', as: 't', in: { $concat: ['$$t', '!'] } } }", "['a!', 'b!', 'c!']")]
    [InlineData("{ $filter: { input: [1, 5, 10], cond: { $gt: ['$$this', 3] } } }", "[5, 10]")]
    [InlineData("{ $let: { vars: { x: 2 }, in: { $multiply: ['$$x', '$_id'] } } }", "2")]
    [InlineData("{ $mergeObjects: ['$nested.deep', { w: 1 }, null] }", "{ v: 5, w: 1 }")]
    public async Task ArrayOperators_Arguments_ComputeLikeMongoDb(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync(Document, expression);

        AssertBson(expected, result);
    }

    [Theory]
    [InlineData("{ $arrayElemAt: ['$tags', 3] }")]
    [InlineData("{ $arrayElemAt: ['$tags', -4] }")]
    [InlineData("{ $arrayElemAt: ['$empty', 0] }")]
    public async Task ArrayElemAt_IndexOutOfBounds_IsMissing(string expression)
    {
        BsonValue? result = await NewCollection().EvaluateAsync(Document, expression);

        Assert.Null(result);
    }

    [Theory]
    [InlineData("{ $size: '$n' }", 17124)]
    [InlineData("{ $size: '$missing' }", 17124)]
    [InlineData("{ $arrayElemAt: ['$_id', 0] }", 28689)]
    [InlineData("{ $arrayElemAt: ['$tags', 'x'] }", 28690)]
    [InlineData("{ $arrayElemAt: ['$tags', 0.5] }", 28691)]
    public async Task ArrayOperators_InvalidArguments_FailsWithMongoCode(string expression, int code)
    {
        MongoCommandException error = await NewCollection().EvaluateErrorAsync(Document, expression);

        Assert.Equal(code, error.Code);
    }
}
