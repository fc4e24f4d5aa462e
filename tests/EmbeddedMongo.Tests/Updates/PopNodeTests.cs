using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class PopNodeTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Pop_One_RemovesTheLastElement()
    {
        (_, BsonDocument stored) = await PopAsync(new BsonArray { 1, 2, 3 }, 1);

        Assert.Equal(new BsonArray { 1, 2 }, stored["a"]);
    }

    [Fact]
    public async Task Pop_MinusOne_RemovesTheFirstElement()
    {
        (_, BsonDocument stored) = await PopAsync(new BsonArray { 1, 2, 3 }, -1);

        Assert.Equal(new BsonArray { 2, 3 }, stored["a"]);
    }

    [Fact]
    public async Task Pop_EmptyArray_IsANoOp()
    {
        (UpdateResult result, BsonDocument stored) = await PopAsync([], 1);

        Assert.Equal(0, result.ModifiedCount);
        Assert.Empty(stored["a"].AsBsonArray);
    }

    [Fact]
    public async Task Pop_MissingField_IsANoOp()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$pop", new BsonDocument("a", 1)));

        Assert.Equal(0, result.ModifiedCount);
        Assert.Equal(new BsonDocument("_id", 1), stored);
    }

    [Fact]
    public async Task Pop_NonArray_FailsWithTypeMismatch()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$pop", new BsonDocument("a", 1)));

        Assert.Equal(14, error.Code);
        Assert.Contains("Path 'a' contains an element of non-array type 'int'", error.Message);
    }

    [Fact]
    public async Task Pop_Two_FailsWithFailedToParse()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1 } } }, new BsonDocument("$pop", new BsonDocument("a", 2)));

        Assert.Equal(9, error.Code);
        Assert.Contains("$pop expects 1 or -1, found: 2", error.Message);
    }

    private Task<(UpdateResult Result, BsonDocument Stored)> PopAsync(BsonArray initial, int direction) =>
        UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", initial } }, new BsonDocument("$pop", new BsonDocument("a", direction)));
}
