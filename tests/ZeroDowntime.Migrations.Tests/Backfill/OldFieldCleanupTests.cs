using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Tests.Infrastructure;

namespace ZeroDowntime.Migrations.Tests.Backfill;

public sealed class OldFieldCleanupTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string MigrationId = "cleanup-user-displayname";

    [Fact]
    public async Task Cleanup_AfterCompleted_RemovesTheOldFieldOnlyWhereTheNewOneExists()
    {
        await using JobScope scope = Scope();
        IMongoCollection<BsonDocument> users = scope.Collection("users");
        await JobScope.SeedAsync(users, Enumerable.Range(1, 45).Select(i => new BsonDocument { { "_id", i }, { "fullName", $"name {i}" }, { "email", $"{i}@example.com" } }));
        await scope.StartBackfillAsync(MigrationId);
        Assert.Equal(MigrationJobOutcome.Completed, await scope.RunBackfillAsync(MigrationId));
        await scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.SwitchRead, "test");
        await users.InsertOneAsync(new BsonDocument { { "_id", 100 }, { "fullName", "only the old field" } });
        await scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.Completed, "test");

        MigrationJobOutcome outcome = await scope.Jobs.RunAsync(new MigrationJob(MigrationJobTypes.Cleanup, MigrationId));

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        Assert.Equal([MigrationJobTypes.Backfill, MigrationJobTypes.Cleanup], scope.Enqueuer.Jobs.Select(j => j.Type));
        List<BsonDocument> after = await users.Find(new BsonDocument("_id", new BsonDocument("$lt", 100))).Sort(new BsonDocument("_id", 1)).ToListAsync();
        Assert.Equal(
            Enumerable.Range(1, 45).Select(i => new BsonDocument { { "_id", i }, { "email", $"{i}@example.com" }, { "displayName", $"name {i}" } }),
            after);
        Assert.Equal(new BsonDocument { { "_id", 100 }, { "fullName", "only the old field" } }, await users.Find(new BsonDocument("_id", 100)).SingleAsync());
        JobProgress cleanup = (await scope.StatusAsync(MigrationId)).Cleanup!;
        Assert.Equal((JobStatus.Completed, 45L, 45L), (cleanup.Status, cleanup.Processed, cleanup.Converted));
    }

    [Fact]
    public async Task Cleanup_MigrationNotCompleted_IsNotApplicableAndRemovesNothing()
    {
        await using JobScope scope = Scope();
        IMongoCollection<BsonDocument> users = scope.Collection("users");
        await users.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "fullName", "a" }, { "displayName", "a" } });
        await scope.StartBackfillAsync(MigrationId);

        MigrationJobOutcome outcome = await scope.Jobs.RunAsync(new MigrationJob(MigrationJobTypes.Cleanup, MigrationId));

        Assert.Equal(MigrationJobOutcome.NotApplicable, outcome);
        Assert.True((await users.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync()).Contains("fullName"));
    }

    [Fact]
    public async Task Cleanup_RunTwice_SecondRunChangesNothing()
    {
        await using JobScope scope = Scope();
        IMongoCollection<BsonDocument> users = scope.Collection("users");
        await JobScope.SeedAsync(users, Enumerable.Range(1, 25).Select(i => new BsonDocument { { "_id", i }, { "fullName", $"name {i}" } }));
        await scope.StartBackfillAsync(MigrationId);
        await scope.RunBackfillAsync(MigrationId);
        await scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.SwitchRead, "test");
        await scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.Completed, "test");
        var job = new MigrationJob(MigrationJobTypes.Cleanup, MigrationId);
        await scope.Jobs.RunAsync(job);
        List<BsonDocument> once = await users.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();

        MigrationJobOutcome again = await scope.Jobs.RunAsync(job);

        Assert.Equal(MigrationJobOutcome.Completed, again);
        Assert.Equal(once, await users.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync());
        Assert.Equal(25, (await scope.StatusAsync(MigrationId)).Cleanup!.Converted);
    }

    private JobScope Scope() =>
        new(fixture, b => b.AddFieldMigration<CleanupUser>(MigrationId, m => m.InCollection("users").Rename("fullName", u => u.DisplayName)), o => o.Backfill.BatchSize = 10);

    public sealed class CleanupUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }
}
