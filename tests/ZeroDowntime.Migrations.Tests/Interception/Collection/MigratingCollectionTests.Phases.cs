using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Tests.Interception.Collection;

/// <summary>SwitchRead (reads use the new field only, writes still both) and Completed (new field only).</summary>
public sealed partial class MigratingCollectionTests
{
    [Fact]
    public async Task Find_SwitchRead_DoesNotRewriteFilters()
    {
        phases.Phase = MigrationPhase.SwitchRead;
        await InsertV1Async("Ada");
        await InsertV2OnlyAsync("Ada");

        List<User> found = await users.Find(u => u.DisplayName == "Ada").ToListAsync();
        List<User> all = await users.Find(FilterDefinition<User>.Empty).SortBy(u => u.DisplayName).ToListAsync();

        Assert.Equal("Ada", Assert.Single(found).DisplayName);
        Assert.Equal([null, "Ada"], all.Select(u => u.DisplayName));
    }

    [Fact]
    public async Task Aggregate_SwitchRead_ReadsNewFieldOnly()
    {
        phases.Phase = MigrationPhase.SwitchRead;
        await InsertV1Async("Ada");

        Assert.Empty(await users.Aggregate().Match(u => u.DisplayName == "Ada").ToListAsync());
        Assert.Empty(await (await users.DistinctAsync(u => u.DisplayName, FilterDefinition<User>.Empty)).ToListAsync());
    }

    [Fact]
    public async Task InsertOneAndUpdateOne_SwitchRead_StillWriteBothFields()
    {
        phases.Phase = MigrationPhase.SwitchRead;
        var user = new User { DisplayName = "Ada", Points = 1 };

        await users.InsertOneAsync(user);
        await users.UpdateOneAsync(u => u.Id == user.Id, Builders<User>.Update.Set(u => u.DisplayName, "Grace").Inc(u => u.Points, 1));

        BsonDocument stored = await RawAsync(user.Id);
        Assert.Equal(("Grace", "Grace"), (stored["displayName"].AsString, stored["fullName"].AsString));
        Assert.Equal((2, 2), (stored["points"].AsInt32, stored["score"].AsInt32));
    }

    [Fact]
    public async Task InsertOneAndUpdateOne_Completed_WriteOnlyNewField()
    {
        phases.Phase = MigrationPhase.Completed;
        var user = new User { DisplayName = "Ada", Points = 1 };

        await users.InsertOneAsync(user);
        await users.UpdateOneAsync(u => u.Id == user.Id, Builders<User>.Update.Set(u => u.DisplayName, "Grace").Inc(u => u.Points, 1));

        BsonDocument stored = await RawAsync(user.Id);
        Assert.Equal("Grace", stored["displayName"]);
        Assert.Equal(2, stored["points"]);
        Assert.False(stored.Contains("fullName"));
        Assert.False(stored.Contains("score"));
        Assert.False(stored.Contains("labels"));
    }

    [Fact]
    public async Task ReplaceOne_Completed_WritesOnlyNewField()
    {
        phases.Phase = MigrationPhase.Completed;
        ObjectId id = await InsertV2OnlyAsync("Ada");

        await users.ReplaceOneAsync(u => u.DisplayName == "Ada", new User { Id = id, DisplayName = "Bea" });

        BsonDocument stored = await RawAsync(id);
        Assert.Equal("Bea", stored["displayName"]);
        Assert.False(stored.Contains("fullName"));
    }

    [Fact]
    public async Task Find_PhaseChangesBetweenCalls_EachCallUsesTheCurrentPhase()
    {
        await InsertV1Async("Ada");

        long coalesced = await users.CountDocumentsAsync(u => u.DisplayName == "Ada");
        phases.Phase = MigrationPhase.SwitchRead;
        long newOnly = await users.CountDocumentsAsync(u => u.DisplayName == "Ada");

        Assert.Equal((1, 0), (coalesced, newOnly));
    }

    [Fact]
    public async Task Find_CorruptedPhaseState_SurfacesTheStateError()
    {
        await InsertV1Async("Ada");
        phases.Failure = new MigrationStateException("collection-tests-displayname", "unknown phase 'Sideways'");

        MigrationStateException e = await Assert.ThrowsAsync<MigrationStateException>(() => users.Find(u => u.DisplayName == "Ada").ToListAsync());
        Assert.Throws<MigrationStateException>(() => users.InsertOne(new User { DisplayName = "x" }));

        Assert.Equal("collection-tests-displayname", e.MigrationId);
        Assert.Equal(1, await raw.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }
}
