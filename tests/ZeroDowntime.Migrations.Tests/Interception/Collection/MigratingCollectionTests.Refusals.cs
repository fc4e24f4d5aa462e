using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Tests.Interception.Collection;

/// <summary>Operations that cannot be carried out correctly are refused before anything is sent, naming the migration.</summary>
public sealed partial class MigratingCollectionTests
{
    private const string DisplayNameId = "collection-tests-displayname";

    [Fact]
    public async Task FindOneAndUpdate_SortOnNewFieldWithValueTypeResult_IsRefused()
    {
        phases.Phase = MigrationPhase.Backfill;
        ObjectId id = await InsertV1Async("Ada");

        MigrationNotSupportedException e = await Assert.ThrowsAsync<MigrationNotSupportedException>(() => users.FindOneAndUpdateAsync(
            FilterDefinition<User>.Empty, Builders<User>.Update.Set(u => u.Age, 9),
            new FindOneAndUpdateOptions<User, int> { Sort = Builders<User>.Sort.Ascending(u => u.DisplayName), Projection = Builders<User>.Projection.Expression(u => u.Age) }));

        AssertRefused(e, DisplayNameId, MigrationPhase.Backfill, "FindOneAndUpdate with a sort");
        Assert.Equal(0, (await RawAsync(id))["age"]);
    }

    [Fact]
    public async Task FindOneAndDelete_SortOnNewFieldInSwitchRead_IsAllowed()
    {
        phases.Phase = MigrationPhase.SwitchRead;
        await users.InsertManyAsync([new User { DisplayName = "b" }, new User { DisplayName = "a" }]);

        User? deleted = await users.FindOneAndDeleteAsync(FilterDefinition<User>.Empty, new FindOneAndDeleteOptions<User> { Sort = Builders<User>.Sort.Ascending(u => u.DisplayName) });

        Assert.Equal("a", deleted?.DisplayName);
    }

    [Fact]
    public async Task FindOneAndUpdate_ProjectionOfNewFieldToOtherType_IsRefused()
    {
        await InsertV1Async("Ada");

        MigrationNotSupportedException e = Assert.Throws<MigrationNotSupportedException>(() => users.FindOneAndUpdate(
            FilterDefinition<User>.Empty, Builders<User>.Update.Set(u => u.Age, 9),
            new FindOneAndUpdateOptions<User, string?> { Projection = Builders<User>.Projection.Expression(u => u.DisplayName) }));

        AssertRefused(e, DisplayNameId, MigrationPhase.DualWrite, "FindOneAndUpdate with a projection");
    }

    [Fact]
    public async Task UpdateOne_SortOnNewFieldBeforeSwitchRead_IsRefused()
    {
        await InsertV1Async("Ada");

        MigrationNotSupportedException e = await Assert.ThrowsAsync<MigrationNotSupportedException>(() => users.UpdateOneAsync(
            FilterDefinition<User>.Empty, Builders<User>.Update.Set(u => u.Age, 9), new UpdateOptions<User> { Sort = Builders<User>.Sort.Descending(u => u.DisplayName) }));

        AssertRefused(e, DisplayNameId, MigrationPhase.DualWrite, "UpdateOne with a sort");
    }

    [Fact]
    public async Task BulkWrite_ReplaceOneModelSortOnNewField_IsRefusedBeforeAnyWrite()
    {
        ObjectId id = await InsertV1Async("Ada");
        WriteModel<User>[] models =
        [
            new InsertOneModel<User>(new User { DisplayName = "Bob" }),
            new ReplaceOneModel<User>(FilterDefinition<User>.Empty, new User { DisplayName = "Cid" }) { Sort = Builders<User>.Sort.Ascending(u => u.DisplayName) },
        ];

        MigrationNotSupportedException e = Assert.Throws<MigrationNotSupportedException>(() => users.BulkWrite(models));

        AssertRefused(e, DisplayNameId, MigrationPhase.DualWrite, "ReplaceOne with a sort");
        Assert.Equal("Ada", Assert.Single(await raw.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync())["fullName"]);
        Assert.NotEqual(ObjectId.Empty, id);
    }

    [Fact]
    public void Find_TailableCursorWithSortOnNewField_IsRefused()
    {
        MigrationNotSupportedException e = Assert.Throws<MigrationNotSupportedException>(() => users.FindSync(FilterDefinition<User>.Empty,
            new FindOptions<User> { Sort = Builders<User>.Sort.Ascending(u => u.DisplayName), CursorType = CursorType.TailableAwait }));

        AssertRefused(e, DisplayNameId, MigrationPhase.DualWrite, "CursorType.TailableAwait");
    }

    [Fact]
    public void Watch_PipelineOnNewFieldBeforeSwitchRead_IsRefused()
    {
        phases.Phase = MigrationPhase.Backfill;
        var pipeline = new EmptyPipelineDefinition<ChangeStreamDocument<User>>().Match("{'fullDocument.displayName': 'Ada'}");

        MigrationNotSupportedException e = Assert.Throws<MigrationNotSupportedException>(() => users.Watch(pipeline));

        AssertRefused(e, DisplayNameId, MigrationPhase.Backfill, "Watch");
    }

    [Fact]
    public async Task MapReduce_BeforeSwitchRead_IsRefused()
    {
#pragma warning disable CS0618 // MapReduce is obsolete; the decorator still has to refuse it.
        MigrationNotSupportedException e = await Assert.ThrowsAsync<MigrationNotSupportedException>(() =>
            users.MapReduceAsync<BsonDocument>("function() { emit(this.fullName, 1); }", "function(k, v) { return Array.sum(v); }"));
#pragma warning restore CS0618

        AssertRefused(e, DisplayNameId, MigrationPhase.DualWrite, "MapReduce");
    }

    [Fact]
    public void OfType_BeforeCompleted_IsRefused()
    {
        phases.Phase = MigrationPhase.SwitchRead;

        MigrationNotSupportedException e = Assert.Throws<MigrationNotSupportedException>(() => users.OfType<User>());

        AssertRefused(e, DisplayNameId, MigrationPhase.SwitchRead, "OfType");
    }
}
