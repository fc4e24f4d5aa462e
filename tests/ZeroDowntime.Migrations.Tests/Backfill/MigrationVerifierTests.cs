using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Tests.Infrastructure;

namespace ZeroDowntime.Migrations.Tests.Backfill;

public sealed class MigrationVerifierTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string MigrationId = "verifier-user-displayname";

    [Fact]
    public async Task Backfill_PreMigrationWriterBehindTheCursor_IsCaughtRepairedAndReported()
    {
        await using JobScope scope = Scope();
        IMongoCollection<BsonDocument> users = scope.Collection("users");
        await SeedAsync(users, 100);
        await scope.StartBackfillAsync(MigrationId);
        using var observer = new BatchObserver(MigrationId, batch =>
        {
            if (batch == 3)
            {
                // V1 code still running: it writes only fullName, on documents the backfill already converted.
                users.UpdateMany(new BsonDocument("_id", new BsonDocument("$in", new BsonArray { 2, 5, 7 })), new BsonDocument("$set", new BsonDocument("fullName", "renamed by V1")));
            }
        });

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(MigrationId);

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        VerificationResult verification = (await scope.StatusAsync(MigrationId)).LastVerification!;
        Assert.Equal((0L, 3L, 3L, true), (verification.MissingCount, verification.DriftCount, verification.DriftRepaired, verification.Passed));
        Assert.Equal(["2", "5", "7"], verification.SampleIds);
        List<BsonDocument> repaired = await users.Find(new BsonDocument("_id", new BsonDocument("$in", new BsonArray { 2, 5, 7 }))).ToListAsync();
        Assert.All(repaired, d => Assert.Equal("renamed by V1", d["displayName"].AsString));
        string log = Assert.Single(scope.Logs.Lines, l => l.Contains("pre-migration code detected", StringComparison.Ordinal));
        Assert.Contains("3 documents", log, StringComparison.Ordinal);
        Assert.Contains("2, 5, 7", log, StringComparison.Ordinal);
        Assert.DoesNotContain("renamed by V1", scope.Logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_AfterBackfillWithDriftAndStragglers_RepairsConvertsAndThenPasses()
    {
        await using JobScope scope = Scope();
        IMongoCollection<BsonDocument> users = scope.Collection("users");
        await SeedAsync(users, 30);
        await scope.StartBackfillAsync(MigrationId);
        Assert.Equal(MigrationJobOutcome.Completed, await scope.RunBackfillAsync(MigrationId));
        await users.UpdateOneAsync(new BsonDocument("_id", 12), new BsonDocument("$set", new BsonDocument("fullName", "changed")));
        await users.InsertOneAsync(new BsonDocument { { "_id", 31 }, { "fullName", "inserted by V1" } });

        VerificationResult first = await scope.Controller.VerifyAsync(MigrationId);
        VerificationResult second = await scope.Controller.VerifyAsync(MigrationId);

        Assert.Equal((0L, 1L, 1L, true), (first.MissingCount, first.DriftCount, first.DriftRepaired, first.Passed));
        Assert.Equal(["12"], first.SampleIds);
        Assert.Equal((0L, 0L, true), (second.MissingCount, second.DriftCount, second.Passed));
        Assert.Equal("changed", (await users.Find(new BsonDocument("_id", 12)).SingleAsync())["displayName"].AsString);
        Assert.Equal("inserted by V1", (await users.Find(new BsonDocument("_id", 31)).SingleAsync())["displayName"].AsString);
        Assert.Equal(second, (await scope.StatusAsync(MigrationId)).LastVerification! with { SampleIds = second.SampleIds });
    }

    [Fact]
    public async Task AdvanceToSwitchRead_AfterDrift_RepairsAndAllowsTheSwitch()
    {
        await using JobScope scope = Scope();
        IMongoCollection<BsonDocument> users = scope.Collection("users");
        await SeedAsync(users, 20);
        await scope.StartBackfillAsync(MigrationId);
        Assert.Equal(MigrationJobOutcome.Completed, await scope.RunBackfillAsync(MigrationId));
        await users.UpdateOneAsync(new BsonDocument("_id", 3), new BsonDocument("$set", new BsonDocument("fullName", "late V1 write")));

        MigrationState state = await scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.SwitchRead, "test");

        Assert.Equal(MigrationPhase.SwitchRead, state.Phase);
        Assert.Equal("late V1 write", (await users.Find(new BsonDocument("_id", 3)).SingleAsync())["displayName"].AsString);
        Assert.Equal(1, (await scope.StatusAsync(MigrationId)).LastVerification!.DriftRepaired);
    }

    private static Task SeedAsync(IMongoCollection<BsonDocument> users, int count) =>
        JobScope.SeedAsync(users, Enumerable.Range(1, count).Select(i => new BsonDocument { { "_id", i }, { "fullName", $"name {i}" } }));

    private JobScope Scope() =>
        new(fixture, b => b.AddFieldMigration<VerifierUser>(MigrationId, m => m.InCollection("users").Rename("fullName", u => u.DisplayName)), o => o.Backfill.BatchSize = 10);

    public sealed class VerifierUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }
}
