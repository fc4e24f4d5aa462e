using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Commands;

/// <summary>update, delete by filter and mixed bulk writes (needs the filter and update engines).</summary>
public sealed class WriteCommandsUpdateTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const int DuplicateKey = 11000;
    private const int ImmutableField = 66;

    private static FilterDefinitionBuilder<BsonDocument> Filter => Builders<BsonDocument>.Filter;

    private static UpdateDefinitionBuilder<BsonDocument> Update => Builders<BsonDocument>.Update;

    [Fact]
    public async Task BulkWrite_OrderedMixOfEveryKind_ReportsEachCountAndAppliesInOrder()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(5);

        BulkWriteResult<BsonDocument> result = await collection.BulkWriteAsync(
        [
            new InsertOneModel<BsonDocument>(BsonDocument.Parse("{_id: 6, v: 0}")),
            new UpdateOneModel<BsonDocument>(Filter.Eq("_id", 1), Update.Set("v", 1)),
            new UpdateManyModel<BsonDocument>(Filter.Eq("v", 0), Update.Inc("v", 10)), // 2, 3, 4, 5 and the new 6
            new DeleteOneModel<BsonDocument>(Filter.Eq("_id", 2)),
            new ReplaceOneModel<BsonDocument>(Filter.Eq("_id", 3), new BsonDocument("v", "replaced")),
            new DeleteManyModel<BsonDocument>(Filter.Eq("v", 10)), // 4, 5, 6
        ]);

        Assert.Equal(1, result.InsertedCount);
        Assert.Equal(7, result.MatchedCount);
        Assert.Equal(7, result.ModifiedCount);
        Assert.Equal(4, result.DeletedCount);
        Assert.Empty(result.Upserts);
        Assert.Equal([BsonDocument.Parse("{_id: 1, v: 1}"), BsonDocument.Parse("{_id: 3, v: 'replaced'}")], await AllAsync(collection));
    }

    [Fact]
    public async Task BulkWrite_UnorderedWithFailures_AppliesEveryOtherWriteAndReportsEachFailure()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(3);

        var error = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(() => collection.BulkWriteAsync(
        [
            new InsertOneModel<BsonDocument>(BsonDocument.Parse("{_id: 1, v: 'dup'}")),
            new UpdateOneModel<BsonDocument>(Filter.Eq("_id", 1), Update.Set("v", "updated")),
            new InsertOneModel<BsonDocument>(BsonDocument.Parse("{_id: 9, v: 'new'}")),
            new UpdateOneModel<BsonDocument>(Filter.Eq("_id", 2), Update.Set("_id", 20)),
            new DeleteOneModel<BsonDocument>(Filter.Eq("_id", 3)),
        ], new BulkWriteOptions { IsOrdered = false }));

        Assert.Equal([(0, DuplicateKey), (3, ImmutableField)], error.WriteErrors.Select(e => (e.Index, e.Code)));
        Assert.Equal((1L, 1L, 1L), (error.Result.InsertedCount, error.Result.MatchedCount, error.Result.DeletedCount));
        Assert.Equal(
            [BsonDocument.Parse("{_id: 1, v: 'updated'}"), BsonDocument.Parse("{_id: 2, v: 0}"), BsonDocument.Parse("{_id: 9, v: 'new'}")],
            await AllAsync(collection));
    }

    [Fact]
    public async Task BulkWrite_OrderedWithFailure_StopsThere()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(3);

        var error = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(() => collection.BulkWriteAsync(
        [
            new UpdateOneModel<BsonDocument>(Filter.Eq("_id", 1), Update.Set("v", "updated")),
            new InsertOneModel<BsonDocument>(BsonDocument.Parse("{_id: 2}")),
            new DeleteOneModel<BsonDocument>(Filter.Eq("_id", 3)),
        ]));

        Assert.Equal(1, Assert.Single(error.WriteErrors).Index);
        Assert.Single(error.UnprocessedRequests);
        Assert.Equal((1L, 0L), (error.Result.ModifiedCount, error.Result.DeletedCount));
        Assert.Equal(3, await collection.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task UpdateMany_SomeAlreadyInTargetState_CountsMatchedAndModifiedApart()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(3);
        await collection.UpdateOneAsync(Filter.Eq("_id", 2), Update.Set("v", 1));

        UpdateResult result = await collection.UpdateManyAsync(Filter.Empty, Update.Set("v", 1));

        Assert.Equal((3L, 2L), (result.MatchedCount, result.ModifiedCount));
    }

    [Fact]
    public async Task UpdateOne_UpsertWithoutMatch_InsertsAndReportsTheNewId()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>("upd");

        UpdateResult result = await collection.UpdateOneAsync(Filter.Eq("name", "x"), Update.Set("v", 5), new UpdateOptions { IsUpsert = true });

        BsonDocument stored = await collection.Find(Filter.Empty).SingleAsync();
        Assert.Equal((0L, 0L), (result.MatchedCount, result.ModifiedCount));
        Assert.Equal(stored["_id"], result.UpsertedId);
        Assert.Equal(BsonType.ObjectId, stored["_id"].BsonType);
        Assert.Equal(("x", 5), (stored["name"].AsString, stored["v"].AsInt32));
    }

    [Fact]
    public async Task UpdateOne_SetsUniqueFieldToATakenValue_FailsWithDuplicateKeyAndKeepsTheDocument()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(2);
        await collection.UpdateManyAsync(Filter.Empty, Update.Set("email", BsonValue.Create(null)));
        await collection.UpdateOneAsync(Filter.Eq("_id", 1), Update.Set("email", "a"));
        await collection.UpdateOneAsync(Filter.Eq("_id", 2), Update.Set("email", "b"));
        await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("email"), new CreateIndexOptions { Unique = true }));

        var error = await Assert.ThrowsAsync<MongoWriteException>(() => collection.UpdateOneAsync(Filter.Eq("_id", 2), Update.Set("email", "a")));
        await collection.UpdateOneAsync(Filter.Eq("_id", 1), Update.Set("email", "c")); // frees "a"...
        await collection.UpdateOneAsync(Filter.Eq("_id", 2), Update.Set("email", "a")); // ...for another document

        Assert.Equal(DuplicateKey, error.WriteError.Code);
        Assert.Equal(["c", "a"], (await AllAsync(collection)).Select(d => d["email"].AsString));
    }

    [Fact]
    public async Task UpdateOne_ChangesId_FailsWithImmutableField()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(1);

        var error = await Assert.ThrowsAsync<MongoWriteException>(() => collection.UpdateOneAsync(Filter.Eq("_id", 1), Update.Set("_id", 2)));

        Assert.Equal(ImmutableField, error.WriteError.Code);
        Assert.Equal(1, (await collection.Find(Filter.Empty).SingleAsync())["_id"].AsInt32);
    }

    [Fact]
    public async Task ReplaceOne_Match_KeepsTheIdFirst()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(1);

        ReplaceOneResult result = await collection.ReplaceOneAsync(Filter.Eq("_id", 1), BsonDocument.Parse("{a: 1, b: 2}"));

        Assert.Equal((1L, 1L), (result.MatchedCount, result.ModifiedCount));
        Assert.Equal(BsonDocument.Parse("{_id: 1, a: 1, b: 2}"), await collection.Find(Filter.Empty).SingleAsync());
    }

    [Fact]
    public async Task DeleteOne_FilterMatchingSeveral_DeletesOnlyOne()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(4);

        DeleteResult result = await collection.DeleteOneAsync(Filter.Eq("v", 0));

        Assert.Equal(1, result.DeletedCount);
        Assert.Equal(3, await collection.CountDocumentsAsync(Filter.Eq("v", 0)));
    }

    [Fact]
    public async Task DeleteMany_Filter_DeletesOnlyTheMatches()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(6);

        DeleteResult result = await collection.DeleteManyAsync(Filter.In("_id", new[] { 2, 4, 99 }));

        Assert.Equal(2, result.DeletedCount);
        Assert.Equal([1, 3, 5, 6], (await AllAsync(collection)).Select(d => d["_id"].AsInt32));
    }

    private static async Task<List<BsonDocument>> AllAsync(IMongoCollection<BsonDocument> collection) =>
        await collection.Find(Filter.Empty).Sort(Builders<BsonDocument>.Sort.Ascending("_id")).ToListAsync();

    private async Task<IMongoCollection<BsonDocument>> SeedAsync(int count)
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>("upd");
        await collection.InsertManyAsync(Enumerable.Range(1, count).Select(i => new BsonDocument { { "_id", i }, { "v", 0 } }));
        return collection;
    }
}
