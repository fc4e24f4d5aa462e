using MongoDB.Bson;
using MongoDB.Driver;
using static EmbeddedMongo.Tests.Aggregation.PipelineTestExtensions;

namespace EmbeddedMongo.Tests.Aggregation;

public sealed class ConditionalExpressionTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private IMongoCollection<BsonDocument> NewCollection() => fixture.NewCollection<BsonDocument>();

    [Theory]
    [InlineData("{ $and: [1, 'x', [], { }] }", "true")]
    [InlineData("{ $and: [1, 0] }", "false")]
    [InlineData("{ $and: [] }", "true")]
    [InlineData("{ $or: [0, null, false, '$missing'] }", "false")]
    [InlineData("{ $or: [0, NumberDecimal('0.0'), 0.1] }", "true")]
    [InlineData("{ $or: [] }", "false")]
    [InlineData("{ $not: [''] }", "false")]
    [InlineData("{ $not: ['$missing'] }", "true")]
    [InlineData("{ $not: 0.0 }", "true")]
    public async Task Logical_Operands_UseTruthiness(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync("{ }", expression);

        AssertBson(expected, result);
    }

    [Theory]
    [InlineData("{ $cond: [{ $gte: ['$qty', 100] }, 'bulk', 'retail'] }", "'bulk'")]
    [InlineData("{ $cond: { if: { $lt: ['$qty', 100] }, then: 'retail', else: 'bulk' } }", "'bulk'")]
    [InlineData("{ $cond: ['$missing', 1, 2] }", "2")]
    [InlineData("{ $cond: ['$qty', '$qty', 0] }", "150")]
    public async Task Cond_BothForms_PickTheBranch(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync("{ qty: 150 }", expression);

        AssertBson(expected, result);
    }

    [Theory]
    [InlineData("{ $cond: { then: 1, else: 2 } }", 17080)]
    [InlineData("{ $cond: { if: true, else: 2 } }", 17081)]
    [InlineData("{ $cond: { if: true, then: 1, else: 2, other: 3 } }", 17083)]
    [InlineData("{ $cond: [true, 1] }", 16020)]
    public async Task Cond_MalformedArguments_FailsWithMongoCode(string expression, int code)
    {
        MongoCommandException error = await NewCollection().EvaluateErrorAsync("{ }", expression);

        Assert.Equal(code, error.Code);
    }

    [Theory]
    [InlineData("{ $ifNull: ['$a', 'default'] }", "'default'")]
    [InlineData("{ $ifNull: ['$missing', 'default'] }", "'default'")]
    [InlineData("{ $ifNull: ['$zero', 'default'] }", "0")]
    [InlineData("{ $ifNull: ['$missing', '$a', '$zero', 'default'] }", "0")]
    [InlineData("{ $ifNull: ['$missing', '$a', null] }", "null")]
    public async Task IfNull_Arguments_ReturnsFirstNeitherNullNorMissing(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync("{ a: null, zero: 0 }", expression);

        AssertBson(expected, result);
    }

    [Fact]
    public async Task IfNull_LastArgumentMissing_IsMissing()
    {
        BsonValue? result = await NewCollection().EvaluateAsync("{ a: null }", "{ $ifNull: ['$a', '$missing'] }");

        Assert.Null(result);
    }

    [Fact]
    public async Task IfNull_SingleArgument_FailsWith1257300()
    {
        MongoCommandException error = await NewCollection().EvaluateErrorAsync("{ }", "{ $ifNull: ['$a'] }");

        Assert.Equal(1257300, error.Code);
        Assert.Contains("$ifNull needs at least two arguments", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, "'small'")]
    [InlineData(50, "'medium'")]
    [InlineData(500, "'large'")]
    public async Task Switch_Branches_ReturnFirstTrueCaseOrDefault(int size, string expected)
    {
        string expression = "{ $switch: { branches: [{ case: { $lt: ['$size', 10] }, then: 'small' }, { case: { $lt: ['$size', 100] }, then: 'medium' }], default: 'large' } }";

        BsonValue? result = await NewCollection().EvaluateAsync($"{{ size: {size} }}", expression);

        AssertBson(expected, result);
    }

    [Theory]
    [InlineData("{ $isNumber: '$n' }", "true")]
    [InlineData("{ $isNumber: ['$s'] }", "false")]
    [InlineData("{ $anyElementTrue: [[0, null, 2]] }", "true")]
    [InlineData("{ $anyElementTrue: [[]] }", "false")]
    [InlineData("{ $allElementsTrue: [[1, 'x', []]] }", "true")]
    [InlineData("{ $allElementsTrue: [[1, false]] }", "false")]
    [InlineData("{ $regexMatch: { input: '$s', regex: '^ab' } }", "true")]
    [InlineData("{ $regexMatch: { input: '$s', regex: '^AB', options: 'i' } }", "true")]
    [InlineData("{ $regexMatch: { input: '$s', regex: /^AB/ } }", "false")]
    [InlineData("{ $regexMatch: { input: '$missing', regex: 'x' } }", "false")]
    public async Task Predicates_Values_ReturnBooleans(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync("{ n: NumberDecimal('1'), s: 'abc' }", expression);

        AssertBson(expected, result);
    }

    [Theory]
    [InlineData("{ $anyElementTrue: ['$n'] }", 17041)]
    [InlineData("{ $regexMatch: { input: '$n', regex: 'x' } }", 51104)]
    [InlineData("{ $regexMatch: { input: '$s', regex: /x/i, options: 'm' } }", 51107)]
    public async Task Predicates_InvalidArguments_FailsWithMongoCode(string expression, int code)
    {
        MongoCommandException error = await NewCollection().EvaluateErrorAsync("{ n: 1, s: 'abc' }", expression);

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public async Task UnknownOperator_InExpression_FailsWith168()
    {
        MongoCommandException error = await NewCollection().EvaluateErrorAsync("{ }", "{ $add: [1, { $frobnicate: 2 }] }");

        Assert.Equal(168, error.Code);
        Assert.Contains("Unrecognized expression '$frobnicate'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpressionObject_TwoOperators_FailsWith15983()
    {
        MongoCommandException error = await NewCollection().EvaluateErrorAsync("{ }", "{ $add: [1, { $abs: -1, $ceil: 1.5 }] }");

        Assert.Equal(15983, error.Code);
    }
}
