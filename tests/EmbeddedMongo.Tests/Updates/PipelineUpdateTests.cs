using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class PipelineUpdateTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Pipeline_SetFromAnotherField_ComputesTheValue()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture,
            new BsonDocument { { "_id", 1 }, { "a", 2 } },
            UpdateScenario.Pipeline(new BsonDocument("$set", new BsonDocument("b", new BsonDocument("$multiply", new BsonArray { "$a", 10 })))));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", 2 }, { "b", 20 } }, stored);
        Assert.Equal(1, result.ModifiedCount);
    }

    [Fact]
    public async Task Pipeline_AddFieldsThenUnset_RunsTheStagesInOrder()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture,
            new BsonDocument { { "_id", 1 }, { "old", "v" }, { "keep", 1 } },
            UpdateScenario.Pipeline(
                new BsonDocument("$addFields", new BsonDocument("new", "$old")),
                new BsonDocument("$unset", "old")));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "keep", 1 }, { "new", "v" } }, stored);
    }

    [Fact]
    public async Task Pipeline_ReplaceWithDocumentWithoutId_KeepsTheId()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture,
            new BsonDocument { { "_id", 1 }, { "a", new BsonDocument("x", 5) } },
            UpdateScenario.Pipeline(new BsonDocument("$replaceWith", "$a")));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "x", 5 } }, stored);
    }

    [Fact]
    public async Task Pipeline_ProjectExcludingId_KeepsTheId()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture,
            new BsonDocument { { "_id", 1 }, { "a", 1 }, { "b", 2 } },
            UpdateScenario.Pipeline(new BsonDocument("$project", new BsonDocument { { "_id", 0 }, { "b", 1 } })));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "b", 2 } }, stored);
    }

    [Fact]
    public async Task Pipeline_SettingTheSameValues_IsNotCountedAsModified()
    {
        (UpdateResult result, _) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 2 } }, UpdateScenario.Pipeline(new BsonDocument("$set", new BsonDocument("a", 2))));

        Assert.Equal(1, result.MatchedCount);
        Assert.Equal(0, result.ModifiedCount);
    }

    [Fact]
    public async Task Pipeline_MatchStage_FailsWithInvalidOptions()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 2 } }, UpdateScenario.Pipeline(new BsonDocument("$match", new BsonDocument())));

        Assert.Equal(72, error.Code);
        Assert.Contains("$match is not allowed to be used within an update", error.Message);
    }

    [Fact]
    public async Task Pipeline_GroupStage_FailsWithInvalidOptions()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument("_id", 1), UpdateScenario.Pipeline(new BsonDocument("$group", new BsonDocument("_id", "$a"))));

        Assert.Equal(72, error.Code);
    }

    [Fact]
    public async Task Pipeline_WithArrayFilters_FailsWithFailedToParse()
    {
        // The driver refuses to send this, so it goes as a raw command.
        (BsonDocument reply, BsonDocument stored) = await UpdateScenario.RawUpdateAsync(
            fixture,
            new BsonDocument("_id", 1),
            new BsonArray { new BsonDocument("$set", new BsonDocument("a", 1)) },
            arrayFilters: [new BsonDocument("x", 1)]);

        Assert.Equal(9, UpdateScenario.WriteErrorCode(reply));
        Assert.Equal(new BsonDocument("_id", 1), stored);
    }
}
