using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class RenameNodeTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Rename_ToNewField_MovesTheValueToTheEnd()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 }, { "b", 2 } }, new BsonDocument("$rename", new BsonDocument("a", "c")));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "b", 2 }, { "c", 1 } }, stored);
        Assert.Equal(1, result.ModifiedCount);
    }

    [Fact]
    public async Task Rename_OntoExistingField_ReplacesItWhereItStands()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture,
            new BsonDocument { { "_id", 1 }, { "a", 1 }, { "b", 2 }, { "c", 3 } },
            new BsonDocument("$rename", new BsonDocument("c", "a")));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", 3 }, { "b", 2 } }, stored);
    }

    [Fact]
    public async Task Rename_MissingSource_IsANoOp()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "b", 2 } }, new BsonDocument("$rename", new BsonDocument("a", "c")));

        Assert.Equal(0, result.ModifiedCount);
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "b", 2 } }, stored);
    }

    [Fact]
    public async Task Rename_DottedPaths_MovesBetweenEmbeddedDocuments()
    {
        var document = new BsonDocument { { "_id", 1 }, { "a", new BsonDocument { { "b", 1 }, { "c", 2 } } } };

        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(fixture, document, new BsonDocument("$rename", new BsonDocument("a.b", "d.e")));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", new BsonDocument("c", 2) }, { "d", new BsonDocument("e", 1) } }, stored);
    }

    [Fact]
    public async Task Rename_SeveralFields_AppliesEach()
    {
        var document = new BsonDocument { { "_id", 1 }, { "a", 1 }, { "b", 2 } };

        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(fixture, document, new BsonDocument("$rename", new BsonDocument { { "a", "y" }, { "b", "x" } }));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "x", 2 }, { "y", 1 } }, stored);
    }

    [Fact]
    public async Task Rename_SameSourceAndTarget_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$rename", new BsonDocument("a", "a")));

        Assert.Equal(2, error.Code);
        Assert.Contains("The source and target field for $rename must differ", error.Message);
    }

    [Fact]
    public async Task Rename_TargetInsideSource_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$rename", new BsonDocument("a", "a.b")));

        Assert.Equal(2, error.Code);
    }

    [Fact]
    public async Task Rename_NonStringTarget_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$rename", new BsonDocument("a", 1)));

        Assert.Equal(2, error.Code);
        Assert.Contains("The 'to' field for $rename must be a string", error.Message);
    }

    [Fact]
    public async Task Rename_SourceInsideArray_FailsWithBadValue()
    {
        var document = new BsonDocument { { "_id", 1 }, { "a", new BsonArray { new BsonDocument("b", 1) } } };

        WriteError error = await UpdateScenario.UpdateOneFailsAsync(fixture, document, new BsonDocument("$rename", new BsonDocument("a.0.b", "c")));

        Assert.Equal(2, error.Code);
        Assert.Contains("The source field cannot be an array element", error.Message);
    }

    [Fact]
    public async Task Rename_TargetInsideArray_FailsWithBadValue()
    {
        var document = new BsonDocument { { "_id", 1 }, { "x", 5 }, { "a", new BsonArray { new BsonDocument("b", 1) } } };

        WriteError error = await UpdateScenario.UpdateOneFailsAsync(fixture, document, new BsonDocument("$rename", new BsonDocument("x", "a.0.b")));

        Assert.Equal(2, error.Code);
        Assert.Contains("The destination field cannot be an array element", error.Message);
    }

    [Fact]
    public async Task Rename_AndSetOfTheTarget_FailsWithConflict()
    {
        var update = new BsonDocument { { "$rename", new BsonDocument("a", "b") }, { "$set", new BsonDocument("b", 1) } };

        WriteError error = await UpdateScenario.UpdateOneFailsAsync(fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, update);

        Assert.Equal(40, error.Code);
    }

    [Fact]
    public async Task Rename_AndSetOfTheSource_FailsWithConflict()
    {
        var update = new BsonDocument { { "$rename", new BsonDocument("a", "b") }, { "$set", new BsonDocument("a", 1) } };

        WriteError error = await UpdateScenario.UpdateOneFailsAsync(fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, update);

        Assert.Equal(40, error.Code);
    }

    [Fact]
    public async Task Rename_OntoId_FailsWithImmutableField()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 2 } }, new BsonDocument("$rename", new BsonDocument("a", "_id")));

        Assert.Equal(66, error.Code);
    }

    [Fact]
    public async Task Rename_OfId_FailsWithImmutableField()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 2 } }, new BsonDocument("$rename", new BsonDocument("_id", "b")));

        Assert.Equal(66, error.Code);
    }
}
