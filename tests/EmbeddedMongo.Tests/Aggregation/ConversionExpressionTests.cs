using MongoDB.Bson;
using MongoDB.Driver;
using static EmbeddedMongo.Tests.Aggregation.PipelineTestExtensions;

namespace EmbeddedMongo.Tests.Aggregation;

public sealed class ConversionExpressionTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string Values = "{ i: 42, l: NumberLong(7), d: 2.5, neg: -3.9, m: NumberDecimal('9.75'), t: true, s: '123', bad: 'abc', date: ISODate('2024-03-05T06:07:08.009Z'), oid: ObjectId('5f1a2b3c4d5e6f7a8b9c0d1e'), n: null, doc: { a: 1 } }";

    private IMongoCollection<BsonDocument> NewCollection() => fixture.NewCollection<BsonDocument>();

    [Theory]
    [InlineData("{ $concat: ['a', '-', 'b'] }", "'a-b'")]
    [InlineData("{ $concat: [] }", "''")]
    [InlineData("{ $concat: ['a', '$n'] }", "null")]
    [InlineData("{ $concat: ['a', '$missing'] }", "null")]
    [InlineData("{ $toUpper: 'abc' }", "'ABC'")]
    [InlineData("{ $toLower: '$missing' }", "''")]
    public async Task Concat_Strings_JoinsOrGivesNull(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync(Values, expression);

        AssertBson(expected, result);
    }

    [Fact]
    public async Task Concat_NumberArgument_FailsWith16702()
    {
        MongoCommandException error = await NewCollection().EvaluateErrorAsync(Values, "{ $concat: ['a', '$i'] }");

        Assert.Equal(16702, error.Code);
        Assert.Contains("$concat only supports strings, not int", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$i", "int")]
    [InlineData("$l", "long")]
    [InlineData("$d", "double")]
    [InlineData("$m", "decimal")]
    [InlineData("$t", "bool")]
    [InlineData("$s", "string")]
    [InlineData("$date", "date")]
    [InlineData("$oid", "objectId")]
    [InlineData("$n", "null")]
    [InlineData("$doc", "object")]
    [InlineData("$missing", "missing")]
    public async Task Type_Value_ReturnsMongoTypeAlias(string path, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync(Values, $"{{ $type: '{path}' }}");

        AssertBson($"'{expected}'", result);
    }

    [Fact]
    public async Task Type_ArrayValue_IsArrayNotItsElements()
    {
        BsonValue? result = await NewCollection().EvaluateAsync("{ a: [1, 2] }", "{ $type: ['$a'] }");

        AssertBson("'array'", result);
    }

    [Theory]
    [InlineData("{ $toString: '$i' }", "'42'")]
    [InlineData("{ $toString: '$l' }", "'7'")]
    [InlineData("{ $toString: '$d' }", "'2.5'")]
    [InlineData("{ $toString: '$m' }", "'9.75'")]
    [InlineData("{ $toString: '$t' }", "'true'")]
    [InlineData("{ $toString: '$date' }", "'2024-03-05T06:07:08.009Z'")]
    [InlineData("{ $toString: '$oid' }", "'5f1a2b3c4d5e6f7a8b9c0d1e'")]
    [InlineData("{ $toString: '$n' }", "null")]
    [InlineData("{ $toString: '$missing' }", "null")]
    [InlineData("{ $toInt: '$d' }", "2")]
    [InlineData("{ $toInt: '$neg' }", "-3")]
    [InlineData("{ $toInt: '$s' }", "123")]
    [InlineData("{ $toInt: '$t' }", "1")]
    [InlineData("{ $toInt: '$m' }", "9")]
    [InlineData("{ $toLong: '$i' }", "NumberLong(42)")]
    [InlineData("{ $toLong: '$date' }", "NumberLong(1709618828009)")]
    [InlineData("{ $toDouble: '$i' }", "42.0")]
    [InlineData("{ $toDouble: '$s' }", "123.0")]
    [InlineData("{ $toDouble: '$t' }", "1.0")]
    [InlineData("{ $toBool: '$i' }", "true")]
    [InlineData("{ $toBool: 0 }", "false")]
    [InlineData("{ $toDecimal: '$i' }", "NumberDecimal('42')")]
    [InlineData("{ $toObjectId: '5f1a2b3c4d5e6f7a8b9c0d1e' }", "ObjectId('5f1a2b3c4d5e6f7a8b9c0d1e')")]
    public async Task ConversionShortcut_Value_ConvertsLikeMongoDb(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync(Values, expression);

        AssertBson(expected, result);
    }

    [Theory]
    [InlineData("{ $toInt: '$bad' }")]
    [InlineData("{ $toInt: 3000000000 }")]
    [InlineData("{ $toInt: '$date' }")]
    [InlineData("{ $toDouble: '$doc' }")]
    [InlineData("{ $toObjectId: 'abc' }")]
    public async Task ConversionShortcut_ImpossibleConversion_FailsWithConversionFailure(string expression)
    {
        MongoCommandException error = await NewCollection().EvaluateErrorAsync(Values, expression);

        Assert.Equal(241, error.Code);
    }

    [Theory]
    [InlineData("{ $convert: { input: '$bad', to: 'int', onError: -1 } }", "-1")]
    [InlineData("{ $convert: { input: '$missing', to: 'int', onNull: 0 } }", "0")]
    [InlineData("{ $convert: { input: '$n', to: 'int' } }", "null")]
    [InlineData("{ $convert: { input: '$s', to: 16 } }", "123")]
    [InlineData("{ $convert: { input: '$i', to: 'string' } }", "'42'")]
    [InlineData("{ $convert: { input: '$i', to: 'double', onError: 'never' } }", "42.0")]
    public async Task Convert_Options_HandleErrorsAndNulls(string expression, string expected)
    {
        BsonValue? result = await NewCollection().EvaluateAsync(Values, expression);

        AssertBson(expected, result);
    }

    [Theory]
    [InlineData("{ $convert: { to: 'int' } }", 9)]
    [InlineData("{ $convert: { input: 1, to: 'int', other: 1 } }", 9)]
    [InlineData("{ $toInt: [1, 2] }", 50723)]
    public async Task Convert_MalformedArguments_FailsWithMongoCode(string expression, int code)
    {
        MongoCommandException error = await NewCollection().EvaluateErrorAsync(Values, expression);

        Assert.Equal(code, error.Code);
    }
}
