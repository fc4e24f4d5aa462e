using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class ReplacementUpdateTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Replace_WithoutId_ReplacesEveryFieldAndKeepsTheId()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "a", 1 }, { "b", 2 } });

        ReplaceOneResult result = await collection.ReplaceOneAsync(FilterDefinition<BsonDocument>.Empty, new BsonDocument { { "c", 3 }, { "a", "x" } });

        Assert.Equal(1, result.MatchedCount);
        Assert.Equal(1, result.ModifiedCount);
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "c", 3 }, { "a", "x" } }, await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync());
    }

    [Fact]
    public async Task Replace_WithTheSameId_ReplacesTheDocument()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "a", 1 } });

        await collection.ReplaceOneAsync(FilterDefinition<BsonDocument>.Empty, new BsonDocument { { "_id", 1 }, { "b", new BsonDocument("c", 2) } });

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "b", new BsonDocument("c", 2) } }, await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync());
    }

    [Fact]
    public async Task Replace_WithAnIdenticalDocument_IsNotCountedAsModified()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "a", 1 } });

        ReplaceOneResult result = await collection.ReplaceOneAsync(FilterDefinition<BsonDocument>.Empty, new BsonDocument { { "_id", 1 }, { "a", 1 } });

        Assert.Equal(1, result.MatchedCount);
        Assert.Equal(0, result.ModifiedCount);
    }

    [Fact]
    public async Task Replace_WithAnEmptyDocument_KeepsOnlyTheId()
    {
        (BsonDocument reply, BsonDocument stored) = await UpdateScenario.RawUpdateAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument());

        Assert.Equal(1, reply["nModified"].ToInt32());
        Assert.Equal(new BsonDocument("_id", 1), stored);
    }

    [Fact]
    public async Task Replace_WithDollarPrefixedField_FailsWithDollarPrefixedFieldName()
    {
        // The driver refuses to send this, so it goes as a raw command.
        (BsonDocument reply, BsonDocument stored) = await UpdateScenario.RawUpdateAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument { { "a", 2 }, { "$set", new BsonDocument("b", 1) } });

        Assert.Equal(52, UpdateScenario.WriteErrorCode(reply));
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", 1 } }, stored);
    }

    [Fact]
    public async Task FindOneAndReplace_ReturnAfter_ReturnsTheReplacement()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "a", 1 } });

        BsonDocument after = await collection.FindOneAndReplaceAsync(
            FilterDefinition<BsonDocument>.Empty,
            new BsonDocument("b", 2),
            new FindOneAndReplaceOptions<BsonDocument> { ReturnDocument = ReturnDocument.After });

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "b", 2 } }, after);
    }

    [Fact]
    public async Task UpdateMany_WithAReplacement_FailsWithFailedToParse()
    {
        (BsonDocument reply, BsonDocument stored) = await UpdateScenario.RawUpdateAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("b", 1), multi: true);

        Assert.Equal(9, UpdateScenario.WriteErrorCode(reply));
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", 1 } }, stored);
    }
}
