using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Commands;

public sealed class WriteCommandsTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const int DuplicateKey = 11000;
    private const int InvalidIdField = 53;

    [Fact]
    public async Task Insert_WithoutId_StoresAGeneratedObjectIdAsTheFirstField()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();

        BsonDocument reply = await fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument
        {
            { "insert", collection.CollectionNamespace.CollectionName },
            { "documents", new BsonArray { new BsonDocument("a", 1), new BsonDocument("a", 2) } },
        });

        List<BsonDocument> stored = await collection.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        Assert.Equal(2, reply["n"].ToInt32());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, d => Assert.Equal(("_id", BsonType.ObjectId), (d.GetElement(0).Name, d[0].BsonType)));
        Assert.NotEqual(stored[0]["_id"], stored[1]["_id"]);
        Assert.Equal([1, 2], stored.Select(d => d["a"].AsInt32).Order());
    }

    [Fact]
    public async Task Insert_IdNotFirst_StoresItFirst()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();

        await fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument
        {
            { "insert", collection.CollectionNamespace.CollectionName },
            { "documents", new BsonArray { new BsonDocument { { "a", 1 }, { "_id", "k" }, { "b", 2 } } } },
        });

        BsonDocument stored = await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync();
        Assert.Equal(["_id", "a", "b"], stored.Names);
    }

    [Fact]
    public async Task InsertOne_DuplicateId_FailsWithDuplicateKey()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "v", "first" } });

        var error = await Assert.ThrowsAsync<MongoWriteException>(() => collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "v", "second" } }));

        Assert.Equal(DuplicateKey, error.WriteError.Code);
        Assert.Equal("first", (await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync())["v"].AsString);
    }

    [Fact]
    public async Task InsertMany_OrderedWithDuplicate_StopsAtTheFirstError()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();

        var error = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(() => collection.InsertManyAsync(Ids(1, 2, 2, 3, 4)));

        BulkWriteError writeError = Assert.Single(error.WriteErrors);
        Assert.Equal(2, writeError.Index);
        Assert.Equal(DuplicateKey, writeError.Code);
        Assert.Equal(2, error.UnprocessedRequests.Count); // the two after the failed one
        Assert.Equal([1, 2], await StoredIdsAsync(collection));
    }

    [Fact]
    public async Task InsertMany_UnorderedWithDuplicates_ContinuesAndReportsEveryError()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();

        var error = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(() =>
            collection.InsertManyAsync(Ids(1, 1, 2, 2, 3, 1), new InsertManyOptions { IsOrdered = false }));

        Assert.Equal([1, 3, 5], error.WriteErrors.Select(e => e.Index));
        Assert.All(error.WriteErrors, e => Assert.Equal(DuplicateKey, e.Code));
        Assert.Equal(3, error.Result.InsertedCount);
        Assert.Equal([1, 2, 3], await StoredIdsAsync(collection));
    }

    [Fact]
    public async Task InsertMany_UnorderedWithInvalidIds_StoresTheValidOnes()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        BsonDocument[] documents =
        [
            new BsonDocument("_id", 1),
            new BsonDocument("_id", new BsonArray { 1, 2 }),
            new BsonDocument("_id", 2),
            new BsonDocument("_id", new BsonRegularExpression("^a")),
            new BsonDocument("_id", 3),
        ];

        var error = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(() => collection.InsertManyAsync(documents, new InsertManyOptions { IsOrdered = false }));

        Assert.Equal([(1, InvalidIdField), (3, InvalidIdField)], error.WriteErrors.Select(e => (e.Index, e.Code)));
        Assert.Equal([1, 2, 3], await StoredIdsAsync(collection));
    }

    [Fact]
    public async Task InsertOne_ArrayId_FailsWithInvalidIdField()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();

        var error = await Assert.ThrowsAsync<MongoWriteException>(() => collection.InsertOneAsync(new BsonDocument("_id", new BsonArray { 1 })));

        Assert.Equal(InvalidIdField, error.WriteError.Code);
    }

    [Fact]
    public async Task InsertOne_RegexId_FailsWithInvalidIdField()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();

        var error = await Assert.ThrowsAsync<MongoWriteException>(() => collection.InsertOneAsync(new BsonDocument("_id", new BsonRegularExpression("x"))));

        Assert.Equal(InvalidIdField, error.WriteError.Code);
    }

    [Fact]
    public async Task InsertOne_DocumentIdOfAnyOtherType_IsStoredAsGiven()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        BsonValue[] ids = [new BsonDocument { { "a", 1 }, { "b", "x" } }, "s", 1.5, new BsonDateTime(DateTime.UnixEpoch), BsonNull.Value, new BsonBinaryData(Guid.Parse("6f1c2a3b-0000-4000-8000-000000000001"), GuidRepresentation.Standard)];

        foreach (BsonValue id in ids)
        {
            await collection.InsertOneAsync(new BsonDocument("_id", id));
        }

        List<BsonDocument> stored = await collection.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        Assert.Equal(ids.Length, stored.Count);
        Assert.All(ids, id => Assert.Contains(stored, d => d["_id"].Equals(id)));
    }

    [Fact]
    public async Task UpdateMany_GrowingADocumentPast16MiB_FailsAndKeepsTheDocument()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        string nineMegabytes = new('x', 9 * 1024 * 1024);
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "a", nineMegabytes } });

        var error = await Assert.ThrowsAsync<MongoWriteException>(() => collection.UpdateManyAsync(FilterDefinition<BsonDocument>.Empty, Builders<BsonDocument>.Update.Set("b", nineMegabytes)));

        Assert.Equal(17419, error.WriteError.Code);
        Assert.False((await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync()).Contains("b"));
    }

    [Fact]
    public async Task DeleteOne_EmptyFilter_DeletesExactlyOne()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertManyAsync(Ids(1, 2, 3));

        DeleteResult result = await collection.DeleteOneAsync(FilterDefinition<BsonDocument>.Empty);

        Assert.Equal(1, result.DeletedCount);
        Assert.Equal(2, await collection.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task DeleteMany_EmptyFilter_DeletesEverything()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertManyAsync(Ids(1, 2, 3, 4));

        DeleteResult result = await collection.DeleteManyAsync(FilterDefinition<BsonDocument>.Empty);

        Assert.Equal(4, result.DeletedCount);
        Assert.Empty(await StoredIdsAsync(collection));
    }

    [Fact]
    public async Task DeleteMany_MissingCollection_DeletesNothingAndCreatesNothing()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();

        DeleteResult result = await collection.DeleteManyAsync(FilterDefinition<BsonDocument>.Empty);

        Assert.Equal(0, result.DeletedCount);
        Assert.DoesNotContain(collection.CollectionNamespace.CollectionName, await (await fixture.Database.ListCollectionNamesAsync()).ToListAsync());
    }

    [Fact]
    public async Task ReplaceOne_NoMatchWithoutUpsert_DoesNotCreateTheCollection()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();

        ReplaceOneResult result = await collection.ReplaceOneAsync(FilterDefinition<BsonDocument>.Empty, new BsonDocument("a", 1));

        Assert.Equal((0L, 0L), (result.MatchedCount, result.ModifiedCount));
        Assert.DoesNotContain(collection.CollectionNamespace.CollectionName, await (await fixture.Database.ListCollectionNamesAsync()).ToListAsync());
    }

    [Fact]
    public async Task FindOneAndReplace_NoMatchWithoutUpsert_ReturnsNullAndDoesNotCreateTheCollection()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();

        BsonDocument? before = await collection.FindOneAndReplaceAsync(FilterDefinition<BsonDocument>.Empty, new BsonDocument("a", 1));

        Assert.Null(before);
        Assert.DoesNotContain(collection.CollectionNamespace.CollectionName, await (await fixture.Database.ListCollectionNamesAsync()).ToListAsync());
    }

    [Fact]
    public async Task Delete_AStatementWithoutFilter_FailsTheWholeCommandAndDeletesNothing()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertManyAsync(Ids(1, 2, 3));

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument
        {
            { "delete", collection.CollectionNamespace.CollectionName },
            { "deletes", new BsonArray { BsonDocument.Parse("{q: {}, limit: 1}"), BsonDocument.Parse("{limit: 0}") } },
        }));

        Assert.Equal(40414, error.Code);
        Assert.Equal(3, await collection.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task Update_AStatementWithoutFilter_FailsTheWholeCommandAndChangesNothing()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertManyAsync(Ids(1));

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument
        {
            { "update", collection.CollectionNamespace.CollectionName },
            { "updates", new BsonArray { BsonDocument.Parse("{u: {$set: {touched: true}}, multi: true}") } },
        }));

        Assert.Equal(40414, error.Code);
        Assert.False((await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync()).Contains("touched"));
    }

    [Fact]
    public async Task Delete_LimitOtherThanZeroOrOne_IsRefused()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertManyAsync(Ids(1, 2, 3));

        Task<BsonDocument> delete = fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument
        {
            { "delete", collection.CollectionNamespace.CollectionName },
            { "deletes", new BsonArray { new BsonDocument { { "q", new BsonDocument() }, { "limit", 2 } } } },
        });

        Assert.NotEqual(1.0, await OkOrWriteErrorAsync(delete));
        Assert.Equal(3, await collection.EstimatedDocumentCountAsync());
    }

    private static async Task<double> OkOrWriteErrorAsync(Task<BsonDocument> command)
    {
        try
        {
            BsonDocument reply = await command;
            return reply.Contains("writeErrors") ? 0.0 : reply["ok"].ToDouble();
        }
        catch (MongoCommandException)
        {
            return 0.0;
        }
    }

    private static IEnumerable<BsonDocument> Ids(params int[] ids) => ids.Select(id => new BsonDocument("_id", id));

    private static async Task<List<int>> StoredIdsAsync(IMongoCollection<BsonDocument> collection) =>
        (await collection.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync()).Select(d => d["_id"].AsInt32).Order().ToList();
}
