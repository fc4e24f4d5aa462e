using MongoDB.Bson;
using MongoDB.Driver;
using static EmbeddedMongo.Tests.Aggregation.PipelineTestExtensions;

namespace EmbeddedMongo.Tests.Aggregation;

public sealed class ArithmeticExpressionTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string Numbers = "{ i: 2, big: 2147483647, l: NumberLong(10), d: 0.5, m: NumberDecimal('1.25'), date: ISODate('2024-01-01T00:00:00Z'), s: 'x', n: null }";

    private IMongoCollection<BsonDocument> NewCollection() => fixture.NewCollection<BsonDocument>();

    [Theory]
    [InlineData("{ $add: ['$i', 3] }", "5")]
    [InlineData("{ $add: ['$big', 1] }", "NumberLong(2147483648)")]
    [InlineData("{ $add: ['$i', '$l'] }", "NumberLong(12)")]
    [InlineData("{ $add: ['$i', '$d'] }", "2.5")]
    [InlineData("{ $add: ['$i', '$m'] }", "NumberDecimal('3.25')")]
    [InlineData("{ $add: [] }", "0")]
    [InlineData("{ $add: ['$date', 1000] }", "ISODate('2024-01-01T00:00:01Z')")]
    [InlineData("{ $add: [86400000, '$date'] }", "ISODate('2024-01-02T00:00:00Z')")]
    [InlineData("{ $add: ['$i', '$n'] }", "null")]
    [InlineData("{ $add: ['$i', '$missing'] }", "null")]
    public async Task Add_Operands_PromoteLikeMongoDb(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync(Numbers, expression);

        AssertBson(expected, result);
    }

    [Theory]
    [InlineData("{ $add: ['$s', 1] }", 16554, "$add only supports numeric or date types, not string")]
    [InlineData("{ $add: ['$date', '$date'] }", 16612, "only one date allowed in an $add expression")]
    public async Task Add_InvalidOperands_FailsWithMongoCode(string expression, int code, string message)
    {
        MongoCommandException error = await NewCollection().EvaluateErrorAsync(Numbers, expression);

        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ $subtract: ['$i', 5] }", "-3")]
    [InlineData("{ $subtract: ['$l', '$i'] }", "NumberLong(8)")]
    [InlineData("{ $subtract: ['$i', '$d'] }", "1.5")]
    [InlineData("{ $subtract: ['$m', 1] }", "NumberDecimal('0.25')")]
    [InlineData("{ $subtract: ['$date', ISODate('2023-12-31T00:00:00Z')] }", "NumberLong(86400000)")]
    [InlineData("{ $subtract: ['$date', 60000] }", "ISODate('2023-12-31T23:59:00Z')")]
    [InlineData("{ $subtract: ['$n', 1] }", "null")]
    public async Task Subtract_NumbersAndDates_ComputesDifference(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync(Numbers, expression);

        AssertBson(expected, result);
    }

    [Fact]
    public async Task Subtract_DateFromNumber_FailsWith16556()
    {
        MongoCommandException error = await NewCollection().EvaluateErrorAsync(Numbers, "{ $subtract: ['$i', '$date'] }");

        Assert.Equal(16556, error.Code);
    }

    [Theory]
    [InlineData("{ $multiply: ['$i', 3] }", "6")]
    [InlineData("{ $multiply: ['$big', 2] }", "NumberLong(4294967294)")]
    [InlineData("{ $multiply: ['$l', 2] }", "NumberLong(20)")]
    [InlineData("{ $multiply: ['$i', '$d'] }", "1.0")]
    [InlineData("{ $multiply: ['$m', 2] }", "NumberDecimal('2.50')")]
    [InlineData("{ $multiply: ['$i', null] }", "null")]
    [InlineData("{ $divide: ['$i', 4] }", "0.5")]
    [InlineData("{ $divide: [6, 3] }", "2.0")]
    [InlineData("{ $divide: ['$m', 5] }", "NumberDecimal('0.25')")]
    [InlineData("{ $divide: ['$missing', 5] }", "null")]
    [InlineData("{ $mod: [7, 3] }", "1")]
    [InlineData("{ $mod: [-7, 3] }", "-1")]
    [InlineData("{ $mod: [NumberLong(7), 4] }", "NumberLong(3)")]
    public async Task MultiplyDivideMod_Operands_ComputeWithMongoTypes(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync(Numbers, expression);

        AssertBson(expected, result);
    }

    [Theory]
    [InlineData("{ $multiply: ['$s', 2] }", 16555)]
    [InlineData("{ $divide: ['$i', 0] }", 16608)]
    [InlineData("{ $divide: ['$s', 2] }", 16609)]
    [InlineData("{ $mod: ['$i', 0] }", 16610)]
    public async Task MultiplyDivideMod_InvalidOperands_FailsWithMongoCode(string expression, int code)
    {
        MongoCommandException error = await NewCollection().EvaluateErrorAsync(Numbers, expression);

        Assert.Equal(code, error.Code);
    }
}
