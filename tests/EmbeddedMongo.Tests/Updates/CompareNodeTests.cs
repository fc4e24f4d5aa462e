using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class CompareNodeTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Min_SmallerValue_ReplacesTheField()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 5 } }, new BsonDocument("$min", new BsonDocument("a", 3)));

        Assert.Equal(3, stored["a"].AsInt32);
        Assert.Equal(1, result.ModifiedCount);
    }

    [Fact]
    public async Task Min_LargerValue_IsANoOp()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 5 } }, new BsonDocument("$min", new BsonDocument("a", 8)));

        Assert.Equal(5, stored["a"].AsInt32);
        Assert.Equal(0, result.ModifiedCount);
    }

    [Fact]
    public async Task Min_EqualNumberOfAnotherType_KeepsTheOriginal()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$min", new BsonDocument("a", 1.0)));

        Assert.Equal(0, result.ModifiedCount);
        Assert.Equal(BsonType.Int32, stored["a"].BsonType);
    }

    [Fact]
    public async Task Max_LargerValue_ReplacesTheField()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 5 } }, new BsonDocument("$max", new BsonDocument("a", 9L)));

        Assert.Equal(new BsonInt64(9), stored["a"]);
    }

    [Fact]
    public async Task Max_SmallerValue_IsANoOp()
    {
        (UpdateResult result, _) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 5 } }, new BsonDocument("$max", new BsonDocument("a", 2)));

        Assert.Equal(0, result.ModifiedCount);
    }

    [Fact]
    public async Task Max_MissingField_SetsTheValue()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$max", new BsonDocument("a.b", 4)));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", new BsonDocument("b", 4) } }, stored);
    }

    [Fact]
    public async Task Max_ValueOfAnotherType_ComparesInBsonOrder()
    {
        // Strings sort after numbers, so a string is the maximum.
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 5 } }, new BsonDocument("$max", new BsonDocument("a", "x")));

        Assert.Equal("x", stored["a"].AsString);
    }

    [Fact]
    public async Task Min_Dates_KeepsTheEarlier()
    {
        var early = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var late = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", late } }, new BsonDocument("$min", new BsonDocument("a", early)));

        Assert.Equal(new BsonDateTime(early), stored["a"]);
    }

    [Fact]
    public async Task Max_PathThroughScalar_FailsWithPathNotViable()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", "s" } }, new BsonDocument("$max", new BsonDocument("a.b", 1)));

        Assert.Equal(28, error.Code);
    }
}
