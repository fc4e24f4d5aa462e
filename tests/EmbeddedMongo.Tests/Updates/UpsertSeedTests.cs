using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class UpsertSeedTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Upsert_EqualityFilter_SeedsTheFieldsInPathOrder()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpsertAsync(
            fixture, new BsonDocument { { "name", "x" }, { "age", 3 } }, new BsonDocument("$set", new BsonDocument("z", 1)));

        Assert.Equal(new BsonDocument { { "_id", result.UpsertedId }, { "age", 3 }, { "name", "x" }, { "z", 1 } }, stored);
        Assert.Equal(0, result.MatchedCount);
        Assert.Equal(0, result.ModifiedCount);
    }

    [Fact]
    public async Task Upsert_DottedEquality_CreatesTheEmbeddedDocument()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpsertAsync(
            fixture, new BsonDocument("b.c", 2), new BsonDocument("$set", new BsonDocument("a", 1)));

        Assert.Equal(new BsonDocument { { "_id", result.UpsertedId }, { "b", new BsonDocument("c", 2) }, { "a", 1 } }, stored);
    }

    [Fact]
    public async Task Upsert_EqOperatorAndAnd_SeedTheirValues()
    {
        var filter = new BsonDocument
        {
            { "a", new BsonDocument("$eq", 5) },
            { "$and", new BsonArray { new BsonDocument("b", "x"), new BsonDocument("c", new BsonDocument("$in", new BsonArray { 7 })) } },
        };

        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpsertAsync(fixture, filter, new BsonDocument("$set", new BsonDocument("z", true)));

        Assert.Equal(new BsonDocument { { "_id", result.UpsertedId }, { "a", 5 }, { "b", "x" }, { "c", 7 }, { "z", true } }, stored);
    }

    [Fact]
    public async Task Upsert_NonEqualityPredicates_AreNotSeeded()
    {
        var filter = new BsonDocument
        {
            { "a", new BsonDocument("$gt", 1) },
            { "b", new BsonDocument("$in", new BsonArray { 1, 2 }) },
            { "c", new BsonDocument("$ne", 1) },
            { "d", new BsonRegularExpression("^x") },
            { "$or", new BsonArray { new BsonDocument("e", 1), new BsonDocument("e", 2) } },
            { "$nor", new BsonArray { new BsonDocument("f", 1) } },
        };

        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpsertAsync(fixture, filter, new BsonDocument("$set", new BsonDocument("z", 1)));

        Assert.Equal(new BsonDocument { { "_id", result.UpsertedId }, { "z", 1 } }, stored);
    }

    [Fact]
    public async Task Upsert_IdEquality_UsesThatId()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpsertAsync(
            fixture, new BsonDocument { { "k", 1 }, { "_id", 7 } }, new BsonDocument("$set", new BsonDocument("a", 1)));

        Assert.Equal(new BsonInt32(7), result.UpsertedId);
        Assert.Equal(new BsonDocument { { "_id", 7 }, { "k", 1 }, { "a", 1 } }, stored);
    }

    [Fact]
    public async Task Upsert_SetOfASeededField_OverridesTheFilterValue()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpsertAsync(
            fixture, new BsonDocument("a", 1), new BsonDocument("$set", new BsonDocument("a", 2)));

        Assert.Equal(new BsonDocument { { "_id", result.UpsertedId }, { "a", 2 } }, stored);
    }

    [Fact]
    public async Task Upsert_IncOfASeededField_StartsFromTheFilterValue()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpsertAsync(
            fixture, new BsonDocument("n", 10), new BsonDocument("$inc", new BsonDocument("n", 5)));

        Assert.Equal(new BsonDocument { { "_id", result.UpsertedId }, { "n", 15 } }, stored);
    }

    [Fact]
    public async Task Upsert_SetOfAnotherIdThanTheFilters_FailsWithImmutableField()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();

        MongoWriteException error = await Assert.ThrowsAsync<MongoWriteException>(() => collection.UpdateOneAsync(
            new BsonDocument("_id", 1), new BsonDocument("$set", new BsonDocument("_id", 2)), new UpdateOptions { IsUpsert = true }));

        Assert.Equal(66, error.WriteError.Code);
        Assert.Equal(0, await collection.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task Upsert_TwoEqualitiesOnOnePath_FailsWithNotSingleValueField()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        var filter = new BsonDocument("$and", new BsonArray { new BsonDocument("a", 1), new BsonDocument("a", 2) });

        MongoWriteException error = await Assert.ThrowsAsync<MongoWriteException>(() => collection.UpdateOneAsync(
            filter, new BsonDocument("$set", new BsonDocument("b", 1)), new UpdateOptions { IsUpsert = true }));

        Assert.Equal(54, error.WriteError.Code);
    }

    [Fact]
    public async Task Upsert_MatchingDocumentExists_UpdatesItInstead()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "a", 1 } });

        UpdateResult result = await collection.UpdateOneAsync(
            new BsonDocument("a", 1), new BsonDocument("$set", new BsonDocument("b", 2)), new UpdateOptions { IsUpsert = true });

        Assert.Equal(1, result.MatchedCount);
        Assert.Null(result.UpsertedId);
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", 1 }, { "b", 2 } }, await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync());
    }

    [Fact]
    public async Task Upsert_Replacement_TakesOnlyTheIdFromTheFilter()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();

        ReplaceOneResult result = await collection.ReplaceOneAsync(
            new BsonDocument { { "_id", 3 }, { "a", 1 } }, new BsonDocument("b", 2), new ReplaceOptions { IsUpsert = true });

        Assert.Equal(new BsonInt32(3), result.UpsertedId);
        Assert.Equal(new BsonDocument { { "_id", 3 }, { "b", 2 } }, await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync());
    }

    [Fact]
    public async Task Upsert_ReplacementWithoutIdInFilter_GeneratesAnObjectId()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();

        ReplaceOneResult result = await collection.ReplaceOneAsync(
            new BsonDocument("a", 1), new BsonDocument("b", 2), new ReplaceOptions { IsUpsert = true });

        Assert.Equal(BsonType.ObjectId, result.UpsertedId.BsonType);
        Assert.Equal(new BsonDocument { { "_id", result.UpsertedId }, { "b", 2 } }, await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync());
    }

    [Fact]
    public async Task Upsert_Pipeline_RunsOverTheSeededDocument()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpsertAsync(
            fixture,
            new BsonDocument("k", 1),
            UpdateScenario.Pipeline(new BsonDocument("$set", new BsonDocument("m", new BsonDocument("$add", new BsonArray { "$k", 1 })))));

        Assert.Equal(new BsonDocument { { "_id", result.UpsertedId }, { "k", 1 }, { "m", 2 } }, stored);
    }

    [Fact]
    public async Task FindOneAndUpdate_UpsertReturnAfter_ReturnsTheInsertedDocument()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();

        BsonDocument inserted = await collection.FindOneAndUpdateAsync(
            new BsonDocument("k", "x"),
            new BsonDocument("$inc", new BsonDocument("n", 1)),
            new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After });

        Assert.Equal(new BsonDocument { { "_id", inserted["_id"] }, { "k", "x" }, { "n", 1 } }, inserted);
        Assert.Equal(inserted, await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync());
    }
}
