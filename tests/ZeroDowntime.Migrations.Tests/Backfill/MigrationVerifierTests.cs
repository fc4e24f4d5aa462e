using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Tests.Infrastructure;

namespace ZeroDowntime.Migrations.Tests.Backfill;

public sealed class MigrationVerifierTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string MigrationId = "verifier-user-displayname";
    private const string ConvertId = "verifier-user-age";

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

    [Fact]
    public async Task VerifyAsync_ConvertWithForwardExpression_FindsAndRepairsDriftOnTheServer()
    {
        // The client-side conversion always throws: only the server's expression can have found and fixed the drift.
        await using JobScope scope = ConvertScope(_ => throw new InvalidOperationException("the client-side conversion must not run"));
        IMongoCollection<BsonDocument> users = scope.Collection("users");
        await JobScope.SeedAsync(users, Enumerable.Range(1, 20).Select(i => new BsonDocument { { "_id", i }, { "ageText", (i + 20).ToString(System.Globalization.CultureInfo.InvariantCulture) } }));
        await scope.StartBackfillAsync(ConvertId);
        Assert.Equal(MigrationJobOutcome.Completed, await scope.RunBackfillAsync(ConvertId));
        await users.UpdateManyAsync(new BsonDocument("_id", new BsonDocument("$in", new BsonArray { 5, 9 })), new BsonDocument("$set", new BsonDocument("ageText", "77")));

        VerificationResult result = await scope.Controller.VerifyAsync(ConvertId);

        Assert.Equal((0L, 2L, 2L, true), (result.MissingCount, result.DriftCount, result.DriftRepaired, result.Passed));
        Assert.Equal(["5", "9"], result.SampleIds);
        List<BsonDocument> repaired = await users.Find(new BsonDocument("_id", new BsonDocument("$in", new BsonArray { 5, 9 }))).ToListAsync();
        Assert.All(repaired, d => Assert.Equal(new BsonInt32(77), d["age"]));
        Assert.Equal(new BsonInt32(26), (await users.Find(new BsonDocument("_id", 6)).SingleAsync())["age"]);
    }

    [Fact]
    public async Task VerifyAsync_ExpressionFailsOnADocument_ComparesOnTheClientAndReportsTheUnconvertible()
    {
        await using JobScope scope = ConvertScope(v => int.Parse(v.AsString, System.Globalization.CultureInfo.InvariantCulture), o => o.Backfill.PoisonPolicy = PoisonDocumentPolicy.SkipAndReport);
        IMongoCollection<BsonDocument> users = scope.Collection("users");
        await JobScope.SeedAsync(users, Enumerable.Range(1, 20).Select(i => new BsonDocument { { "_id", i }, { "ageText", i == 14 ? "fourteen" : (i + 20).ToString(System.Globalization.CultureInfo.InvariantCulture) } }));
        await scope.StartBackfillAsync(ConvertId);
        Assert.Equal(MigrationJobOutcome.Completed, await scope.RunBackfillAsync(ConvertId));
        await users.UpdateOneAsync(new BsonDocument("_id", 5), new BsonDocument("$set", new BsonDocument("ageText", "77")));

        // $toInt fails on "fourteen", so the server cannot compare; the client skips that document and finds the drift.
        VerificationResult result = await scope.Controller.VerifyAsync(ConvertId);

        Assert.Equal((1L, 1L, 1L, false), (result.MissingCount, result.DriftCount, result.DriftRepaired, result.Passed));
        Assert.Equal(["5", "14"], result.SampleIds);
        Assert.Equal(new BsonInt32(77), (await users.Find(new BsonDocument("_id", 5)).SingleAsync())["age"]);
    }

    [Fact]
    public async Task VerifyAsync_ServerRepairFailsOnADocument_GoesOnOnTheClientAndCountsEveryDrift()
    {
        // As when a V1 instance stores an old value the expression cannot convert between the count and the repair: the
        // server's repair update fails (here through a fail point: code 241, ConversionFailure) and the client finishes.
        await using JobScope scope = ConvertScope(v => int.Parse(v.AsString, System.Globalization.CultureInfo.InvariantCulture));
        IMongoCollection<BsonDocument> users = scope.Collection("users");
        await JobScope.SeedAsync(users, Enumerable.Range(1, 20).Select(i => new BsonDocument { { "_id", i }, { "ageText", (i + 20).ToString(System.Globalization.CultureInfo.InvariantCulture) } }));
        await scope.StartBackfillAsync(ConvertId);
        Assert.Equal(MigrationJobOutcome.Completed, await scope.RunBackfillAsync(ConvertId));
        await users.UpdateManyAsync(new BsonDocument("_id", new BsonDocument("$in", new BsonArray { 5, 9 })), new BsonDocument("$set", new BsonDocument("ageText", "77")));

        VerificationResult result;
        await using (FailPoint failPoint = await FailPoint.SetAsync(scope.Client, FailPoint.Times(1), new BsonDocument { { "failCommands", new BsonArray { "update" } }, { "errorCode", 241 } }))
        {
            result = await scope.Controller.VerifyAsync(ConvertId);
            Assert.Equal(1, await failPoint.OffAsync());
        }

        Assert.Equal((0L, 2L, 2L, true), (result.MissingCount, result.DriftCount, result.DriftRepaired, result.Passed));
        Assert.Equal(["5", "9"], result.SampleIds);
        List<BsonDocument> repaired = await users.Find(new BsonDocument("_id", new BsonDocument("$in", new BsonArray { 5, 9 }))).ToListAsync();
        Assert.All(repaired, d => Assert.Equal(new BsonInt32(77), d["age"]));
    }

    [Fact]
    public async Task VerifyAsync_DriftOverSeveralRepairBatches_TheServerRepairsAllAndCountsThem()
    {
        // 1,500 drifted documents, repaired 1,000 at a time; the client-side conversion always throws, so only the
        // server can have repaired them.
        await using JobScope scope = ConvertScope(_ => throw new InvalidOperationException("the client-side conversion must not run"), o => o.Backfill.BatchSize = 500);
        IMongoCollection<BsonDocument> users = scope.Collection("users");
        await JobScope.SeedAsync(users, Enumerable.Range(1, 1_600).Select(i => new BsonDocument { { "_id", i }, { "ageText", (i + 20).ToString(System.Globalization.CultureInfo.InvariantCulture) } }));
        await scope.StartBackfillAsync(ConvertId);
        Assert.Equal(MigrationJobOutcome.Completed, await scope.RunBackfillAsync(ConvertId));
        await users.UpdateManyAsync(new BsonDocument("_id", new BsonDocument("$lte", 1_500)), new BsonDocument("$set", new BsonDocument("ageText", "7")));

        VerificationResult result = await scope.Controller.VerifyAsync(ConvertId);

        Assert.Equal((0L, 1_500L, 1_500L, true), (result.MissingCount, result.DriftCount, result.DriftRepaired, result.Passed));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), result.SampleIds);
        Assert.Equal(1_500, await users.CountDocumentsAsync(new BsonDocument("age", 7)));
    }

    private static Task SeedAsync(IMongoCollection<BsonDocument> users, int count) =>
        JobScope.SeedAsync(users, Enumerable.Range(1, count).Select(i => new BsonDocument { { "_id", i }, { "fullName", $"name {i}" } }));

    private JobScope ConvertScope(Func<BsonValue, BsonValue> forward, Action<ZeroDowntimeMigrationsOptions>? configure = null) =>
        new(
            fixture,
            b => b.AddFieldMigration<VerifierAgedUser>(ConvertId, m => m.InCollection("users").Convert("ageText", u => u.Age, forward, v => v.ToString()!, new BsonDocument("$toInt", "$$old"))),
            o =>
            {
                o.Backfill.BatchSize = 10;
                configure?.Invoke(o);
            });

    private JobScope Scope() =>
        new(fixture, b => b.AddFieldMigration<VerifierUser>(MigrationId, m => m.InCollection("users").Rename("fullName", u => u.DisplayName)), o => o.Backfill.BatchSize = 10);

    public sealed class VerifierUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }

    public sealed class VerifierAgedUser
    {
        public int Id { get; set; }

        [BsonElement("age")]
        public int Age { get; set; }
    }
}
