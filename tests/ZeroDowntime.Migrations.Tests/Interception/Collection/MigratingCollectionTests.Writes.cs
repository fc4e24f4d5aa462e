using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Tests.Interception.Collection;

/// <summary>Writes in DualWrite: V1 code (raw reads of the old fields) keeps seeing every change.</summary>
public sealed partial class MigratingCollectionTests
{
    [Fact]
    public async Task InsertOne_V2Document_WritesOldAndNewFields()
    {
        var user = new User { DisplayName = "Ada", Points = 3, Tags = ["t"] };

        await users.InsertOneAsync(user);

        BsonDocument stored = await RawAsync(user.Id);
        Assert.NotEqual(ObjectId.Empty, user.Id);
        Assert.Equal("Ada", stored["displayName"]);
        Assert.Equal("Ada", stored["fullName"]);
        Assert.Equal(3, stored["score"]);
        Assert.Equal(new BsonArray { "t" }, stored["labels"]);
    }

    [Fact]
    public async Task InsertMany_V2Documents_WritesOldAndNewFields()
    {
        User[] batch = [new() { DisplayName = "a" }, new() { DisplayName = "b" }];

        users.InsertMany(batch);

        Assert.Equal(["a", "b"], (await raw.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync()).Select(d => d["fullName"].AsString).Order());
    }

    [Fact]
    public async Task InsertOne_DuplicateId_ThrowsTheDriversWriteException()
    {
        var user = new User { DisplayName = "Ada" };
        await users.InsertOneAsync(user);

        MongoWriteException e = await Assert.ThrowsAsync<MongoWriteException>(() => users.InsertOneAsync(new User { Id = user.Id, DisplayName = "Bob" }));

        Assert.Equal(ServerErrorCategory.DuplicateKey, e.WriteError.Category);
    }

    [Fact]
    public async Task ReplaceOne_V1DocumentByNewField_WritesOldAndNewFields()
    {
        ObjectId id = await InsertV1Async("Ada", score: 1);

        ReplaceOneResult result = await users.ReplaceOneAsync(u => u.DisplayName == "Ada", new User { Id = id, DisplayName = "Ada L.", Points = 2 });

        BsonDocument stored = await RawAsync(id);
        Assert.Equal(1, result.ModifiedCount);
        Assert.Equal("Ada L.", stored["fullName"]);
        Assert.Equal("Ada L.", stored["displayName"]);
        Assert.Equal(2, stored["score"]);
    }

    [Fact]
    public async Task UpdateOne_SetNewFieldOnV1Document_WritesBothFields()
    {
        ObjectId id = await InsertV1Async("Ada");

        UpdateResult result = await users.UpdateOneAsync(u => u.DisplayName == "Ada", Builders<User>.Update.Set(u => u.DisplayName, "Grace"));

        BsonDocument stored = await RawAsync(id);
        Assert.Equal(1, result.ModifiedCount);
        Assert.Equal("Grace", stored["fullName"]);
        Assert.Equal("Grace", stored["displayName"]);
        Assert.Equal("Grace", (await users.Find(u => u.Id == id).SingleAsync()).DisplayName);
    }

    [Fact]
    public async Task UpdateMany_FilterOnNewField_UpdatesBothShapes()
    {
        await InsertV1Async("Ada");
        await users.InsertOneAsync(new User { DisplayName = "Ada" });
        await InsertV1Async("Bob");

        UpdateResult result = users.UpdateMany(u => u.DisplayName == "Ada", Builders<User>.Update.Set(u => u.Age, 50));

        Assert.Equal(2, result.MatchedCount);
        Assert.Equal(2, await raw.CountDocumentsAsync(new BsonDocument("age", 50)));
    }

    [Fact]
    public async Task UpdateOne_UpsertOnNewFieldEquality_SeedsOldAndNewFields()
    {
        UpdateResult result = await users.UpdateOneAsync(u => u.DisplayName == "Zoe", Builders<User>.Update.Set(u => u.Age, 3), new UpdateOptions { IsUpsert = true });

        BsonDocument stored = await RawAsync(result.UpsertedId.AsObjectId);
        Assert.Equal("Zoe", stored["displayName"]);
        Assert.Equal("Zoe", stored["fullName"]);
        Assert.Equal(3, stored["age"]);
    }

    [Fact]
    public async Task UpdateOne_UpsertSettingNewField_SeedsOldAndNewFields()
    {
        UpdateResult result = await users.UpdateOneAsync(u => u.Age == 77, Builders<User>.Update.Set(u => u.DisplayName, "Zoe"), new UpdateOptions { IsUpsert = true });

        BsonDocument stored = await RawAsync(result.UpsertedId.AsObjectId);
        Assert.Equal("Zoe", stored["displayName"]);
        Assert.Equal("Zoe", stored["fullName"]);
    }

    [Fact]
    public async Task FindOneAndUpdate_V1DocumentByNewField_ReturnsCoalescedAndDualWrites()
    {
        ObjectId id = await InsertV1Async("Ada", age: 1);

        User after = await users.FindOneAndUpdateAsync<User>(u => u.DisplayName == "Ada", Builders<User>.Update.Set(u => u.Age, 2),
            new FindOneAndUpdateOptions<User> { ReturnDocument = ReturnDocument.After });
        User? before = users.FindOneAndUpdate<User>(u => u.DisplayName == "Ada", Builders<User>.Update.Set(u => u.DisplayName, "Grace"));

        Assert.Equal(("Ada", 2), (after.DisplayName, after.Age));
        Assert.Equal("Ada", before?.DisplayName);
        BsonDocument stored = await RawAsync(id);
        Assert.Equal("Grace", stored["fullName"]);
        Assert.Equal("Grace", stored["displayName"]);
    }

    [Fact]
    public async Task FindOneAndUpdate_IncOnV1DocumentOnlyNumber_StartsFromOldValue()
    {
        ObjectId id = await InsertV1Async("Ada", score: 10);

        User after = await users.FindOneAndUpdateAsync<User>(u => u.Id == id, Builders<User>.Update.Inc(u => u.Points, 5),
            new FindOneAndUpdateOptions<User> { ReturnDocument = ReturnDocument.After });

        Assert.Equal(15, after.Points);
        Assert.Equal(15, (await RawAsync(id))["score"]);
    }

    [Fact]
    public async Task FindOneAndUpdate_SortOnNewFieldOverMixedDocuments_ModifiesTheFirstByCoalescedValue()
    {
        phases.Phase = MigrationPhase.Backfill;
        ObjectId c = await InsertV1Async("c");
        ObjectId a = await InsertV1Async("a");
        await users.InsertOneAsync(new User { DisplayName = "b" });

        User? first = await users.FindOneAndUpdateAsync(u => u.Age == 0, Builders<User>.Update.Set(u => u.Age, 1),
            new FindOneAndUpdateOptions<User> { Sort = Builders<User>.Sort.Ascending(u => u.DisplayName), ReturnDocument = ReturnDocument.After });
        User? last = users.FindOneAndUpdate(u => u.Age == 0, Builders<User>.Update.Set(u => u.Age, 2),
            new FindOneAndUpdateOptions<User> { Sort = Builders<User>.Sort.Descending(u => u.DisplayName) });

        Assert.Equal(("a", 1), (first?.DisplayName, first?.Age));
        Assert.Equal(("c", 0), (last?.DisplayName, last?.Age));
        Assert.Equal((1, 2), ((await RawAsync(a))["age"].AsInt32, (await RawAsync(c))["age"].AsInt32));
    }

    [Fact]
    public async Task FindOneAndUpdate_SortOnNewFieldUpsertWithoutMatch_InsertsSeededDocument()
    {
        await InsertV1Async("Ada", age: 1);

        User? inserted = await users.FindOneAndUpdateAsync(u => u.DisplayName == "Zed", Builders<User>.Update.Set(u => u.Age, 5),
            new FindOneAndUpdateOptions<User> { Sort = Builders<User>.Sort.Ascending(u => u.DisplayName), IsUpsert = true, ReturnDocument = ReturnDocument.After });

        Assert.Equal(("Zed", 5), (inserted?.DisplayName, inserted?.Age));
        Assert.Equal("Zed", (await RawAsync(inserted!.Id))["fullName"]);
        Assert.Equal(2, await raw.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task FindOneAndDelete_SortOnNewFieldOverMixedDocuments_DeletesTheFirstByCoalescedValue()
    {
        await users.InsertOneAsync(new User { DisplayName = "b" });
        await InsertV1Async("a");
        await InsertV1Async("c");

        User? deleted = await users.FindOneAndDeleteAsync(FilterDefinition<User>.Empty, new FindOneAndDeleteOptions<User> { Sort = Builders<User>.Sort.Ascending(u => u.DisplayName) });
        User? none = users.FindOneAndDelete(u => u.DisplayName == "x", new FindOneAndDeleteOptions<User> { Sort = Builders<User>.Sort.Ascending(u => u.DisplayName) });

        Assert.Equal("a", deleted?.DisplayName);
        Assert.Null(none);
        Assert.Equal(["b", "c"], (await users.Find(FilterDefinition<User>.Empty).SortBy(u => u.DisplayName).ToListAsync()).Select(u => u.DisplayName));
    }

    [Fact]
    public async Task FindOneAndReplace_V1DocumentByNewField_WritesOldAndNewFields()
    {
        ObjectId id = await InsertV1Async("Ada");

        User? before = await users.FindOneAndReplaceAsync<User>(u => u.DisplayName == "Ada", new User { Id = id, DisplayName = "Bea" });

        Assert.Equal("Ada", before?.DisplayName);
        BsonDocument stored = await RawAsync(id);
        Assert.Equal("Bea", stored["fullName"]);
        Assert.Equal("Bea", stored["displayName"]);
    }

    [Fact]
    public async Task FindOneAndDelete_V1DocumentByNewField_DeletesAndReturnsIt()
    {
        await InsertV1Async("Ada");
        await InsertV1Async("Bob");

        User? deleted = users.FindOneAndDelete<User>(u => u.DisplayName == "Bob");

        Assert.Equal("Bob", deleted?.DisplayName);
        Assert.Equal(["Ada"], (await raw.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync()).Select(d => d["fullName"].AsString));
    }

    [Fact]
    public async Task DeleteMany_FilterOnNewField_DeletesBothShapes()
    {
        await InsertV1Async("Ada");
        await users.InsertOneAsync(new User { DisplayName = "Ada" });
        await InsertV1Async("Bob");

        DeleteResult result = await users.DeleteManyAsync(u => u.DisplayName == "Ada");
        DeleteResult none = users.DeleteOne(u => u.DisplayName == "Ada");

        Assert.Equal(2, result.DeletedCount);
        Assert.Equal(0, none.DeletedCount);
        Assert.Equal(1, await raw.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task BulkWrite_MixedModelsOverV1Documents_RewritesEachAndReportsCallersModels()
    {
        ObjectId ada = await InsertV1Async("Ada", score: 1);
        ObjectId bob = await InsertV1Async("Bob", score: 1);
        ObjectId cid = await InsertV1Async("Cid");
        await InsertV1Async("Dan");
        var inserted = new User { DisplayName = "Eve" };
        WriteModel<User>[] models =
        [
            new InsertOneModel<User>(inserted),
            new UpdateOneModel<User>(Builders<User>.Filter.Eq(u => u.DisplayName, "Ada"), Builders<User>.Update.Inc(u => u.Points, 4)),
            new UpdateManyModel<User>(Builders<User>.Filter.Eq(u => u.DisplayName, "Bob"), Builders<User>.Update.Set(u => u.DisplayName, "Bo")),
            new ReplaceOneModel<User>(Builders<User>.Filter.Eq(u => u.DisplayName, "Cid"), new User { Id = cid, DisplayName = "Cy" }),
            new DeleteOneModel<User>(Builders<User>.Filter.Eq(u => u.DisplayName, "Dan")),
            new UpdateOneModel<User>(Builders<User>.Filter.Eq(u => u.DisplayName, "Fay"), Builders<User>.Update.Set(u => u.Age, 1)) { IsUpsert = true },
        ];

        BulkWriteResult<User> result = await users.BulkWriteAsync(models);

        Assert.Equal((1L, 3L, 1L, 1), (result.InsertedCount, result.MatchedCount, result.DeletedCount, result.Upserts.Count));
        Assert.Equal(models, result.ProcessedRequests);
        Assert.Equal(5, (await RawAsync(ada))["score"].AsInt32);
        Assert.Equal(5, (await RawAsync(ada))["points"].AsInt32);
        Assert.Equal(("Bo", "Bo"), ((await RawAsync(bob))["fullName"].AsString, (await RawAsync(bob))["displayName"].AsString));
        Assert.Equal("Cy", (await RawAsync(cid))["fullName"]);
        Assert.Equal("Eve", (await RawAsync(inserted.Id))["fullName"]);
        Assert.Equal("Fay", (await RawAsync(result.Upserts[0].Id.AsObjectId))["fullName"]);
        Assert.Equal(5, await raw.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    [Fact]
    public async Task BulkWrite_DuplicateKey_ThrowsBulkWriteExceptionWithCallersModels()
    {
        ObjectId id = await InsertV1Async("Ada");
        WriteModel<User>[] models =
        [
            new UpdateOneModel<User>(Builders<User>.Filter.Eq(u => u.DisplayName, "Ada"), Builders<User>.Update.Set(u => u.Age, 5)),
            new InsertOneModel<User>(new User { Id = id, DisplayName = "Dup" }),
            new DeleteManyModel<User>(Builders<User>.Filter.Eq(u => u.DisplayName, "Ada")),
        ];

        MongoBulkWriteException<User> e = await Assert.ThrowsAsync<MongoBulkWriteException<User>>(() => users.BulkWriteAsync(models));

        Assert.Equal(1, Assert.Single(e.WriteErrors).Index);
        Assert.Same(models[2], Assert.Single(e.UnprocessedRequests));
        Assert.Same(models[0], e.Result.ProcessedRequests[0]);
        Assert.Equal(5, (await RawAsync(id))["age"]);
    }
}
