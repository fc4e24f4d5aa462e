using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class AddToSetNodeTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task AddToSet_NewValue_AppendsIt()
    {
        (UpdateResult result, BsonDocument stored) = await AddToSetAsync(new BsonArray { 1, 2 }, 3);

        Assert.Equal(new BsonArray { 1, 2, 3 }, stored["a"]);
        Assert.Equal(1, result.ModifiedCount);
    }

    [Fact]
    public async Task AddToSet_PresentValue_IsANoOp()
    {
        (UpdateResult result, BsonDocument stored) = await AddToSetAsync(new BsonArray { 1, 2 }, 2);

        Assert.Equal(new BsonArray { 1, 2 }, stored["a"]);
        Assert.Equal(0, result.ModifiedCount);
    }

    [Fact]
    public async Task AddToSet_NumericallyEqualValue_IsANoOp()
    {
        (UpdateResult result, BsonDocument stored) = await AddToSetAsync(new BsonArray { 1 }, 1.0);

        Assert.Equal(0, result.ModifiedCount);
        Assert.Equal(new BsonArray { 1 }, stored["a"]);
    }

    [Fact]
    public async Task AddToSet_DocumentWithOtherFieldOrder_IsANewValue()
    {
        (_, BsonDocument stored) = await AddToSetAsync(
            new BsonArray { new BsonDocument { { "x", 1 }, { "y", 2 } } }, new BsonDocument { { "y", 2 }, { "x", 1 } });

        Assert.Equal(2, stored["a"].AsBsonArray.Count);
    }

    [Fact]
    public async Task AddToSet_Each_AddsEachMissingValueOnce()
    {
        (_, BsonDocument stored) = await AddToSetAsync(new BsonArray { 1, 2 }, new BsonDocument("$each", new BsonArray { 2, 3, 3, 4 }));

        Assert.Equal(new BsonArray { 1, 2, 3, 4 }, stored["a"]);
    }

    [Fact]
    public async Task AddToSet_ArrayWithoutEach_AddsItAsOneElement()
    {
        (_, BsonDocument stored) = await AddToSetAsync(new BsonArray { 1 }, new BsonArray { 1, 2 });

        Assert.Equal(new BsonArray { 1, new BsonArray { 1, 2 } }, stored["a"]);
    }

    [Fact]
    public async Task AddToSet_MissingField_CreatesTheArrayWithoutDuplicates()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$addToSet", new BsonDocument("a", new BsonDocument("$each", new BsonArray { 1, 1, 2 }))));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1, 2 } } }, stored);
    }

    [Fact]
    public async Task AddToSet_ToNonArray_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$addToSet", new BsonDocument("a", 2)));

        Assert.Equal(2, error.Code);
        Assert.Contains("Cannot apply $addToSet to non-array field", error.Message);
    }

    [Fact]
    public async Task AddToSet_EachNotAnArray_FailsWithTypeMismatch()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$addToSet", new BsonDocument("a", new BsonDocument("$each", 1))));

        Assert.Equal(14, error.Code);
    }

    private Task<(UpdateResult Result, BsonDocument Stored)> AddToSetAsync(BsonArray initial, BsonValue argument) =>
        UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", initial } }, new BsonDocument("$addToSet", new BsonDocument("a", argument)));
}
