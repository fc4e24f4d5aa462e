using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class CurrentDateNodeTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    // Generous: the server may be another machine with its own clock.
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task CurrentDate_True_SetsTheCurrentDate()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", "old" } }, new BsonDocument("$currentDate", new BsonDocument("a", true)));

        Assert.Equal(BsonType.DateTime, stored["a"].BsonType);
        Assert.InRange(stored["a"].ToUniversalTime(), DateTime.UtcNow - Tolerance, DateTime.UtcNow + Tolerance);
        Assert.Equal(1, result.ModifiedCount);
    }

    [Fact]
    public async Task CurrentDate_TypeDate_CreatesTheMissingField()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$currentDate", new BsonDocument("a.b", new BsonDocument("$type", "date"))));

        Assert.Equal(BsonType.DateTime, stored["a"]["b"].BsonType);
    }

    [Fact]
    public async Task CurrentDate_TypeTimestamp_SetsTheCurrentTimestamp()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$currentDate", new BsonDocument("t", new BsonDocument("$type", "timestamp"))));

        Assert.Equal(BsonType.Timestamp, stored["t"].BsonType);
        DateTime seconds = DateTimeOffset.FromUnixTimeSeconds(stored["t"].AsBsonTimestamp.Timestamp).UtcDateTime;
        Assert.InRange(seconds, DateTime.UtcNow - Tolerance, DateTime.UtcNow + Tolerance);
    }

    [Fact]
    public async Task CurrentDate_UnknownType_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$currentDate", new BsonDocument("a", new BsonDocument("$type", "string"))));

        Assert.Equal(2, error.Code);
    }

    [Fact]
    public async Task CurrentDate_NumberArgument_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$currentDate", new BsonDocument("a", 1)));

        Assert.Equal(2, error.Code);
        Assert.Contains("is not valid type for $currentDate", error.Message);
    }
}
