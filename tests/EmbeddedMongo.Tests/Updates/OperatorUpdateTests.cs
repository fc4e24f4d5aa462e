using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class OperatorUpdateTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Update_UnknownOperator_FailsWithFailedToParse()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$foo", new BsonDocument("a", 1)));

        Assert.Equal(9, error.Code);
        Assert.Contains("Unknown modifier: $foo. Expected a valid update modifier or pipeline-style update specified as an array", error.Message);
    }

    [Fact]
    public async Task Update_OperatorWithScalarOperand_FailsWithFailedToParse()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(fixture, new BsonDocument("_id", 1), new BsonDocument("$set", 1));

        Assert.Equal(9, error.Code);
        Assert.Contains("Modifiers operate on fields", error.Message);
    }

    [Fact]
    public async Task Update_OperatorsMixedWithFields_FailsWithFailedToParse()
    {
        // The driver refuses to send this, so it goes as a raw command.
        (BsonDocument reply, BsonDocument stored) = await UpdateScenario.RawUpdateAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument { { "$set", new BsonDocument("a", 1) }, { "b", 2 } });

        Assert.Equal(9, UpdateScenario.WriteErrorCode(reply));
        Assert.Equal(new BsonDocument("_id", 1), stored);
    }

    [Fact]
    public async Task Update_SamePathInTwoOperators_FailsWithConflict()
    {
        var update = new BsonDocument { { "$set", new BsonDocument("a", 1) }, { "$inc", new BsonDocument("a", 1) } };

        WriteError error = await UpdateScenario.UpdateOneFailsAsync(fixture, new BsonDocument("_id", 1), update);

        Assert.Equal(40, error.Code);
        Assert.Contains("Updating the path 'a' would create a conflict at 'a'", error.Message);
    }

    [Fact]
    public async Task Update_PathAndItsPrefix_FailsWithConflict()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$set", new BsonDocument { { "a", 1 }, { "a.b", 2 } }));

        Assert.Equal(40, error.Code);
        Assert.Contains("Updating the path 'a.b' would create a conflict at 'a'", error.Message);
    }

    [Fact]
    public async Task Update_SiblingPaths_DoNotConflict()
    {
        var update = new BsonDocument { { "$set", new BsonDocument("a.b", 1) }, { "$inc", new BsonDocument("a.c", 2) } };

        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(fixture, new BsonDocument("_id", 1), update);

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", new BsonDocument { { "b", 1 }, { "c", 2 } } } }, stored);
    }

    [Fact]
    public async Task Update_OneFailingOperator_LeavesTheDocumentUnchanged()
    {
        var update = new BsonDocument { { "$set", new BsonDocument("a", 1) }, { "$inc", new BsonDocument("s", 1) } };

        WriteError error = await UpdateScenario.UpdateOneFailsAsync(fixture, new BsonDocument { { "_id", 1 }, { "s", "text" } }, update);

        Assert.Equal(14, error.Code);
    }

    [Fact]
    public async Task UpdateMany_SomeDocumentsAlreadyUpToDate_CountsOnlyModifiedOnes()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertManyAsync(
        [
            new BsonDocument { { "_id", 1 }, { "a", 1 } },
            new BsonDocument { { "_id", 2 }, { "a", 2 } },
            new BsonDocument { { "_id", 3 }, { "a", 1 } },
        ]);

        UpdateResult result = await collection.UpdateManyAsync(FilterDefinition<BsonDocument>.Empty, new BsonDocument("$set", new BsonDocument("a", 1)));

        Assert.Equal(3, result.MatchedCount);
        Assert.Equal(1, result.ModifiedCount);
        List<BsonDocument> all = await collection.Find(FilterDefinition<BsonDocument>.Empty).SortBy(d => d["_id"]).ToListAsync();
        Assert.All(all, document => Assert.Equal(1, document["a"].AsInt32));
    }

    [Fact]
    public async Task FindOneAndUpdate_ReturnAfter_ReturnsTheUpdatedDocument()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "n", 1 }, { "tags", new BsonArray { "a" } } });
        var update = new BsonDocument { { "$inc", new BsonDocument("n", 1) }, { "$addToSet", new BsonDocument("tags", "b") } };

        BsonDocument after = await collection.FindOneAndUpdateAsync(
            FilterDefinition<BsonDocument>.Empty, update, new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.After });

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "n", 2 }, { "tags", new BsonArray { "a", "b" } } }, after);
    }

    [Fact]
    public async Task FindOneAndUpdate_ReturnBefore_ReturnsTheOriginalDocument()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "n", 1 } });

        BsonDocument before = await collection.FindOneAndUpdateAsync(
            FilterDefinition<BsonDocument>.Empty,
            new BsonDocument("$set", new BsonDocument("n", 5)),
            new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.Before });

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "n", 1 } }, before);
        Assert.Equal(5, (await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync())["n"].AsInt32);
    }

    [Fact]
    public async Task FindOneAndUpdate_InvalidUpdate_FailsWithTheUpdateError()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "a", "x" } });

        MongoCommandException error = await Assert.ThrowsAsync<MongoCommandException>(
            () => collection.FindOneAndUpdateAsync(FilterDefinition<BsonDocument>.Empty, new BsonDocument("$push", new BsonDocument("a", 1))));

        Assert.Equal(2, error.Code);
    }
}
