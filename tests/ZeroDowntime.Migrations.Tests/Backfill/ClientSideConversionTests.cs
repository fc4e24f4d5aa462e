using System.Globalization;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Tests.Infrastructure;

namespace ZeroDowntime.Migrations.Tests.Backfill;

public sealed class ClientSideConversionTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string MigrationId = "client-age";

    [Fact]
    public async Task Backfill_ConvertWithoutExpression_ConvertsEveryDocumentInThisProcess()
    {
        int conversions = 0;
        await using JobScope scope = Scope(v =>
        {
            Interlocked.Increment(ref conversions);
            return Parse(v);
        });
        await JobScope.SeedAsync(scope.Collection("users"), Enumerable.Range(1, 130).Select(i => new BsonDocument { { "_id", i }, { "age", Text(i) } }));
        await scope.StartBackfillAsync(MigrationId);

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(MigrationId);

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        List<BsonDocument> after = await scope.Collection("users").Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        Assert.All(after, d => Assert.Equal(new BsonInt32(d["_id"].AsInt32), d["ageYears"]));
        Assert.All(after, d => Assert.Equal(Text(d["_id"].AsInt32), d["age"].AsString));
        Assert.Equal((130L, 130L), ((await scope.BackfillAsync(MigrationId)).Processed, (await scope.BackfillAsync(MigrationId)).Converted));
        Assert.True(conversions >= 130, $"{conversions} conversions");
    }

    [Fact]
    public async Task Backfill_ApplicationWritesDuringTheBatch_ItsValueIsNeverOverwritten()
    {
        IMongoCollection<BsonDocument>? users = null;
        int conversions = 0;
        await using JobScope scope = Scope(
            v =>
            {
                if (Interlocked.Increment(ref conversions) == 1)
                {
                    // V2 code writes both fields of document 2 after the batch was read, before it is written.
                    users!.UpdateOne(new BsonDocument("_id", 2), new BsonDocument("$set", new BsonDocument { { "age", "99" }, { "ageYears", 99 } }));
                    users.UpdateOne(new BsonDocument("_id", 3), new BsonDocument("$set", new BsonDocument("age", "77")));
                }

                return Parse(v);
            });
        users = scope.Collection("users");
        await JobScope.SeedAsync(users, Enumerable.Range(1, 5).Select(i => new BsonDocument { { "_id", i }, { "age", Text(i) } }));
        await scope.StartBackfillAsync(MigrationId);

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(MigrationId);

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        Dictionary<int, BsonValue> ages = (await users.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync()).ToDictionary(d => d["_id"].AsInt32, d => d["ageYears"]);
        Assert.Equal(99, ages[2].AsInt32);
        Assert.Equal(77, ages[3].AsInt32); // Read as "3", changed to "77" meanwhile: converted from the new old value on a later pass.
        Assert.Equal([1, 4, 5], ages.Where(a => a.Key is 1 or 4 or 5).Select(a => a.Value.AsInt32).Order());
        Assert.Equal(0, (await scope.StatusAsync(MigrationId)).LastVerification!.DriftCount); // Never written stale, then repaired.
    }

    [Fact]
    public async Task Backfill_ArrayChangedToContainTheValueReadDuringTheBatch_IsConvertedFromItsNewValue()
    {
        IMongoCollection<BsonDocument>? items = null;
        int conversions = 0;
        await using JobScope scope = new(fixture, b => b.AddFieldMigration<ClientTagged>("client-tagcount", m => m.InCollection("items").Convert("tags", t => t.TagCount, forward: v =>
        {
            if (Interlocked.Increment(ref conversions) == 1)
            {
                // [1, 2] becomes [[1, 2]]: an array holding the value read, which a plain equality would still match.
                items!.UpdateOne(new BsonDocument("_id", 1), new BsonDocument("$set", new BsonDocument("tags", new BsonArray { new BsonArray { 1, 2 } })));
            }

            return v.AsBsonArray.Count;
        })));
        items = scope.Collection("items");
        await items.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "tags", new BsonArray { 1, 2 } } });
        await scope.StartBackfillAsync("client-tagcount");

        MigrationJobOutcome outcome = await scope.RunBackfillAsync("client-tagcount");

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        Assert.Equal(1, (await items.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync())["tagCount"].AsInt32);
        Assert.Equal(0, (await scope.StatusAsync("client-tagcount")).LastVerification!.DriftCount); // Not a stale write repaired afterwards.
    }

    [Fact]
    public async Task Backfill_PoisonDocumentWithStopPolicy_FailsNamingTheDocumentAndKeepsCheckpointBeforeIt()
    {
        await using JobScope scope = Scope(Parse, o =>
        {
            o.Backfill.BatchSize = 10;
            o.Backfill.PoisonPolicy = PoisonDocumentPolicy.Stop;
        });
        await JobScope.SeedAsync(scope.Collection("users"), Enumerable.Range(1, 30).Select(i => new BsonDocument { { "_id", i }, { "age", i == 17 ? "SECRET-VALUE-17" : Text(i) } }));
        await scope.StartBackfillAsync(MigrationId);

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(MigrationId);

        Assert.Equal(MigrationJobOutcome.Failed, outcome);
        JobProgress progress = await scope.BackfillAsync(MigrationId);
        Assert.Equal(JobStatus.Failed, progress.Status);
        Assert.Contains("document 17", progress.LastError, StringComparison.Ordinal);
        Assert.Contains("FormatException", progress.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", progress.LastError, StringComparison.Ordinal);
        PoisonDocument poison = Assert.Single(progress.PoisonDocuments);
        Assert.Equal("17", poison.DocumentId);
        Assert.Equal(1, progress.PoisonCount);
        Assert.Equal((10L, 19L), (progress.Processed, progress.Converted));
        BsonDocument state = await scope.States.Find(new BsonDocument("_id", MigrationId)).SingleAsync();
        Assert.Equal(10, state["jobs"]["backfill"]["checkpoint"].ToInt32());
        Assert.Equal(0, await scope.Collection("users").CountDocumentsAsync(new BsonDocument { { "_id", new BsonDocument("$gt", 20) }, { "ageYears", new BsonDocument("$exists", true) } }));
    }

    [Fact]
    public async Task Backfill_PoisonDocumentFixedAfterStop_ResumesFromCheckpointAndCompletes()
    {
        await using JobScope scope = Scope(Parse, o => o.Backfill.BatchSize = 10);
        await JobScope.SeedAsync(scope.Collection("users"), Enumerable.Range(1, 30).Select(i => new BsonDocument { { "_id", i }, { "age", i == 17 ? "x" : Text(i) } }));
        await scope.StartBackfillAsync(MigrationId);
        Assert.Equal(MigrationJobOutcome.Failed, await scope.RunBackfillAsync(MigrationId));

        await scope.Collection("users").UpdateOneAsync(new BsonDocument("_id", 17), new BsonDocument("$set", new BsonDocument("age", "17")));
        MigrationJobOutcome outcome = await scope.RunBackfillAsync(MigrationId);

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        JobProgress progress = await scope.BackfillAsync(MigrationId);
        Assert.Equal(30, progress.Converted); // The stopped batch's other documents were converted and counted in the first run.
        Assert.Null(progress.LastError);
        Assert.Equal(30, await scope.Collection("users").CountDocumentsAsync(new BsonDocument("ageYears", new BsonDocument("$exists", true))));
    }

    [Fact]
    public async Task Backfill_PoisonDocumentWithSkipAndReport_ContinuesReportsItAndSwitchReadIsRefused()
    {
        await using JobScope scope = Scope(Parse, o =>
        {
            o.Backfill.BatchSize = 10;
            o.Backfill.PoisonPolicy = PoisonDocumentPolicy.SkipAndReport;
        });
        await JobScope.SeedAsync(scope.Collection("users"), Enumerable.Range(1, 30).Select(i => new BsonDocument { { "_id", i }, { "age", i == 17 ? "x" : Text(i) } }));
        await scope.StartBackfillAsync(MigrationId);

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(MigrationId);
        PhaseTransitionRefusedException refused = await Assert.ThrowsAsync<PhaseTransitionRefusedException>(
            () => scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.SwitchRead, "test"));

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        JobProgress progress = await scope.BackfillAsync(MigrationId);
        Assert.Equal(("17", 1L), (Assert.Single(progress.PoisonDocuments).DocumentId, progress.PoisonCount));
        Assert.Equal(29, await scope.Collection("users").CountDocumentsAsync(new BsonDocument("ageYears", new BsonDocument("$exists", true))));
        Assert.Contains("1 documents still lack ageYears", refused.Message, StringComparison.Ordinal);
        Assert.Contains("17", refused.Message, StringComparison.Ordinal);
        Assert.Equal(MigrationPhase.Backfill, (await scope.Controller.GetStateAsync(MigrationId))!.Phase);
        VerificationResult verification = (await scope.StatusAsync(MigrationId)).LastVerification!;
        Assert.Equal(1, verification.MissingCount);
        Assert.False(verification.Passed);
    }

    private static BsonValue Parse(BsonValue value) => new BsonInt32(int.Parse(value.AsString, CultureInfo.InvariantCulture));

    private static string Text(int i) => i.ToString(CultureInfo.InvariantCulture);

    private JobScope Scope(Func<BsonValue, BsonValue> forward, Action<ZeroDowntimeMigrationsOptions>? configure = null) =>
        new(fixture, b => b.AddFieldMigration<ClientUser>(MigrationId, m => m.InCollection("users").Convert("age", u => u.AgeYears, forward)), configure);

    public sealed class ClientTagged
    {
        public int Id { get; set; }

        [BsonElement("tagCount")]
        public int TagCount { get; set; }
    }

    public sealed class ClientUser
    {
        public int Id { get; set; }

        [BsonElement("ageYears")]
        public int AgeYears { get; set; }
    }
}
