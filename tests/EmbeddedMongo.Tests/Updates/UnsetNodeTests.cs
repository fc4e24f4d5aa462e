using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class UnsetNodeTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Unset_ExistingField_RemovesIt()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 }, { "b", 2 } }, new BsonDocument("$unset", new BsonDocument("a", "")));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "b", 2 } }, stored);
        Assert.Equal(1, result.ModifiedCount);
    }

    [Fact]
    public async Task Unset_MissingField_IsANoOp()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "b", 2 } }, new BsonDocument("$unset", new BsonDocument("a", 1)));

        Assert.Equal(0, result.ModifiedCount);
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "b", 2 } }, stored);
    }

    [Fact]
    public async Task Unset_NestedField_LeavesTheParentDocument()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", new BsonDocument("b", 1) } }, new BsonDocument("$unset", new BsonDocument("a.b", 1)));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", new BsonDocument() } }, stored);
    }

    [Fact]
    public async Task Unset_ArrayElement_SetsItToNull()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1, 2, 3 } } }, new BsonDocument("$unset", new BsonDocument("a.1", 1)));

        Assert.Equal(new BsonArray { 1, BsonNull.Value, 3 }, stored["a"]);
    }

    [Fact]
    public async Task Unset_PathThroughScalar_IsANoOp()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$unset", new BsonDocument("a.b", 1)));

        Assert.Equal(0, result.ModifiedCount);
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", 1 } }, stored);
    }

    [Fact]
    public async Task Unset_SeveralFields_RemovesAll()
    {
        var document = new BsonDocument { { "_id", 1 }, { "a", 1 }, { "b", 2 }, { "c", 3 } };

        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(fixture, document, new BsonDocument("$unset", new BsonDocument { { "a", 1 }, { "c", 1 } }));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "b", 2 } }, stored);
    }
}
