using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class BitNodeTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    public static TheoryData<string, BsonValue, BsonValue> Operations => new()
    {
        { "and", 10, 8 },
        { "or", 10, 15 },
        { "xor", 10, 7 },
        { "or", 16L, 29L },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Bit_Operation_CombinesWithTheCurrentValue(string operation, BsonValue operand, BsonValue expected)
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 13 } }, new BsonDocument("$bit", new BsonDocument("a", new BsonDocument(operation, operand))));

        Assert.Equal(expected, stored["a"]);
    }

    [Fact]
    public async Task Bit_MissingField_AppliesToZero()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$bit", new BsonDocument("a", new BsonDocument("or", 5))));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", 5 } }, stored);
    }

    [Fact]
    public async Task Bit_DoubleField_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1.5 } }, new BsonDocument("$bit", new BsonDocument("a", new BsonDocument("and", 1))));

        Assert.Equal(2, error.Code);
    }

    [Fact]
    public async Task Bit_UnknownOperation_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$bit", new BsonDocument("a", new BsonDocument("not", 1))));

        Assert.Equal(2, error.Code);
    }
}
