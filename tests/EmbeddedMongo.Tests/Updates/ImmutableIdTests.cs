using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class ImmutableIdTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Set_IdToAnotherValue_FailsWithImmutableField()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$set", new BsonDocument("_id", 2)));

        Assert.Equal(66, error.Code);
        Assert.Contains("would modify the immutable field '_id'", error.Message);
    }

    [Fact]
    public async Task Set_IdToItsOwnValue_IsAllowed()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$set", new BsonDocument { { "_id", 1 }, { "a", 2 } }));

        Assert.Equal(1, result.ModifiedCount);
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", 2 } }, stored);
    }

    [Fact]
    public async Task Set_FieldInsideDocumentId_FailsWithImmutableField()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument("_id", new BsonDocument("k", 1)), new BsonDocument("$set", new BsonDocument("_id.k", 2)));

        Assert.Equal(66, error.Code);
    }

    [Fact]
    public async Task Unset_Id_FailsWithImmutableField()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$unset", new BsonDocument("_id", "")));

        Assert.Equal(66, error.Code);
    }

    [Fact]
    public async Task Inc_Id_FailsWithImmutableField()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$inc", new BsonDocument("_id", 1)));

        Assert.Equal(66, error.Code);
        Assert.Contains("Performing an update on the path '_id' would modify the immutable field '_id'", error.Message);
    }

    [Fact]
    public async Task Replace_WithAnotherId_FailsWithImmutableField()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "a", 1 } });

        MongoWriteException error = await Assert.ThrowsAsync<MongoWriteException>(
            () => collection.ReplaceOneAsync(FilterDefinition<BsonDocument>.Empty, new BsonDocument { { "_id", 2 }, { "a", 1 } }));

        Assert.Equal(66, error.WriteError.Code);
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", 1 } }, await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync());
    }

    [Fact]
    public async Task Pipeline_SettingId_FailsWithImmutableField()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, UpdateScenario.Pipeline(new BsonDocument("$set", new BsonDocument("_id", 2))));

        Assert.Equal(66, error.Code);
    }
}
