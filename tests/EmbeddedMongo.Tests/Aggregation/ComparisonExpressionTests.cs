using MongoDB.Bson;
using MongoDB.Driver;
using static EmbeddedMongo.Tests.Aggregation.PipelineTestExtensions;

namespace EmbeddedMongo.Tests.Aggregation;

public sealed class ComparisonExpressionTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private IMongoCollection<BsonDocument> NewCollection() => fixture.NewCollection<BsonDocument>();

    [Theory]
    [InlineData("{ $eq: [1, 1.0] }", "true")]
    [InlineData("{ $eq: [NumberLong(5), NumberDecimal('5')] }", "true")]
    [InlineData("{ $eq: ['$a', '$b'] }", "false")]
    [InlineData("{ $ne: [1, '1'] }", "true")]
    [InlineData("{ $gt: [2, 1.5] }", "true")]
    [InlineData("{ $gte: [2, NumberLong(2)] }", "true")]
    [InlineData("{ $lt: [1, 'a'] }", "true")]
    [InlineData("{ $lte: [{ x: 1 }, { x: 1 }] }", "true")]
    [InlineData("{ $cmp: ['b', 'a'] }", "1")]
    [InlineData("{ $cmp: [1, 2] }", "-1")]
    [InlineData("{ $cmp: [[1, 2], [1, 2]] }", "0")]
    public async Task Comparison_Operands_UseFullBsonOrder(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync("{ a: 'x', b: 'y' }", expression);

        AssertBson(expected, result);
    }

    [Theory]
    [InlineData("{ $gt: ['abc', 100] }", "true")]
    [InlineData("{ $gt: [{ }, 'zzz'] }", "true")]
    [InlineData("{ $gt: [true, ISODate('2020-01-01T00:00:00Z')] }", "false")]
    [InlineData("{ $lt: [null, 0] }", "true")]
    [InlineData("{ $gt: [ObjectId('000000000000000000000000'), [1]] }", "true")]
    public async Task Comparison_DifferentTypes_CompareByTypeBracketWithoutBracketing(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync("{ }", expression);

        AssertBson(expected, result);
    }

    [Theory]
    [InlineData("{ $eq: ['$missing', null] }", "false")]
    [InlineData("{ $lt: ['$missing', null] }", "true")]
    [InlineData("{ $eq: ['$missing', '$alsoMissing'] }", "true")]
    [InlineData("{ $cmp: ['$n', '$missing'] }", "1")]
    public async Task Comparison_MissingValue_SortsBeforeNull(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync("{ n: null }", expression);

        AssertBson(expected, result);
    }

    [Fact]
    public async Task Comparison_WrongNumberOfArguments_FailsWith16020()
    {
        MongoCommandException error = await NewCollection().EvaluateErrorAsync("{ }", "{ $eq: [1, 2, 3] }");

        Assert.Equal(16020, error.Code);
        Assert.Contains("takes exactly 2 arguments", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ $in: [2, [1, 2, 3]] }", "true")]
    [InlineData("{ $in: [2.0, [1, NumberLong(2)]] }", "true")]
    [InlineData("{ $in: ['$a', '$list'] }", "true")]
    [InlineData("{ $in: [null, [1]] }", "false")]
    [InlineData("{ $in: ['$missing', [null]] }", "false")]
    public async Task In_ArrayArgument_TestsMembership(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync("{ a: { x: 1 }, list: [{ x: 1 }, 5] }", expression);

        AssertBson(expected, result);
    }

    [Fact]
    public async Task In_SecondArgumentNotAnArray_FailsWith40081()
    {
        MongoCommandException error = await NewCollection().EvaluateErrorAsync("{ a: 1 }", "{ $in: [1, '$a'] }");

        Assert.Equal(40081, error.Code);
        Assert.Contains("$in requires an array as a second argument", error.Message, StringComparison.Ordinal);
    }
}
