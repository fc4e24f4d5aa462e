using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Tests.Infrastructure;

namespace ZeroDowntime.Migrations.Tests.Backfill;

public sealed class ServerSideConversionTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string RenameId = "server-rename";
    private const string NestedId = "server-nested";
    private const string ConvertId = "server-convert";

    [Fact]
    public async Task Backfill_Rename_CopiesEveryOldValueAndKeepsTheOldField()
    {
        await using JobScope scope = Scope(b => b.AddFieldMigration<ServerRenameUser>(RenameId, m => m.InCollection("users").Rename("fullName", u => u.DisplayName)));
        List<BsonDocument> seeded = Enumerable.Range(1, 250).Select(i => new BsonDocument { { "_id", i }, { "fullName", $"User {i}" }, { "age", i } }).ToList();
        await JobScope.SeedAsync(scope.Collection("users"), seeded);
        await scope.StartBackfillAsync(RenameId);

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(RenameId);

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        List<BsonDocument> after = await scope.Collection("users").Find(FilterDefinition<BsonDocument>.Empty).Sort(new BsonDocument("_id", 1)).ToListAsync();
        Assert.Equal(seeded.Select(d => d.Merge(new BsonDocument("displayName", d["fullName"]))), after);
        JobProgress progress = await scope.BackfillAsync(RenameId);
        Assert.Equal((JobStatus.Completed, 250L, 250L, 0L), (progress.Status, progress.Processed, progress.Converted, progress.RemainingEstimate));
        Assert.Null(progress.LeaseHolder);
    }

    [Fact]
    public async Task Backfill_NestedOldPath_CopiesFromTheEmbeddedField()
    {
        await using JobScope scope = Scope(b => b.AddFieldMigration<ServerNestedUser>(NestedId, m => m.InCollection("users").Rename("profile.name", u => u.DisplayName)));
        await scope.Collection("users").InsertManyAsync(
        [
            new BsonDocument { { "_id", 1 }, { "profile", new BsonDocument { { "name", "Ada" }, { "city", "London" } } } },
            new BsonDocument { { "_id", 2 }, { "profile", new BsonDocument("name", BsonNull.Value) } },
            new BsonDocument { { "_id", 3 }, { "profile", new BsonDocument("city", "Paris") } },
            new BsonDocument { { "_id", 4 } },
        ]);
        await scope.StartBackfillAsync(NestedId);

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(NestedId);

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        Dictionary<int, BsonValue?> names = await NewValuesAsync(scope, "displayName");
        Assert.Equal("Ada", names[1]);
        Assert.Equal(BsonNull.Value, names[2]);
        Assert.Null(names[3]);
        Assert.Null(names[4]);
        Assert.Equal(2, (await scope.BackfillAsync(NestedId)).Converted);
    }

    [Fact]
    public async Task Backfill_ConvertWithExpression_ComputesOnTheServer()
    {
        await using JobScope scope = Scope(b => b.AddFieldMigration<ServerConvertUser>(ConvertId, m => m.InCollection("users").Convert(
            "age",
            u => u.AgeYears,
            forward: v => new BsonInt32(int.Parse(v.AsString, System.Globalization.CultureInfo.InvariantCulture)),
            backward: v => new BsonString(v.AsInt32.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            forwardExpression: new BsonDocument("$toInt", "$$old"))));
        await JobScope.SeedAsync(scope.Collection("users"), Enumerable.Range(1, 120).Select(i => new BsonDocument { { "_id", i }, { "age", i.ToString(System.Globalization.CultureInfo.InvariantCulture) } }));
        await scope.StartBackfillAsync(ConvertId);

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(ConvertId);

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        Dictionary<int, BsonValue?> ages = await NewValuesAsync(scope, "ageYears");
        Assert.All(ages, a => Assert.Equal(new BsonInt32(a.Key), a.Value));
        VerificationResult verification = (await scope.StatusAsync(ConvertId)).LastVerification!;
        Assert.True(verification.Passed);
        Assert.Equal((0L, 0L), (verification.MissingCount, verification.DriftCount));
    }

    [Fact]
    public async Task Backfill_NewFieldAlreadyWritten_IsNeverOverwritten()
    {
        await using JobScope scope = Scope(b => b.AddFieldMigration<ServerRenameUser>(RenameId, m => m.InCollection("users").Rename("fullName", u => u.DisplayName)));
        await scope.Collection("users").InsertManyAsync(
        [
            new BsonDocument { { "_id", 1 }, { "fullName", "old" } },
            new BsonDocument { { "_id", 2 }, { "fullName", "written by V2" }, { "displayName", "written by V2" } },
            new BsonDocument { { "_id", 3 }, { "fullName", BsonNull.Value }, { "displayName", BsonNull.Value } },
        ]);
        await scope.StartBackfillAsync(RenameId);

        await scope.RunBackfillAsync(RenameId);

        Dictionary<int, BsonValue?> names = await NewValuesAsync(scope, "displayName");
        Assert.Equal(["old", "written by V2", BsonNull.Value], names.OrderBy(n => n.Key).Select(n => n.Value));
        Assert.Equal(1, (await scope.BackfillAsync(RenameId)).Converted);
    }

    [Fact]
    public async Task Backfill_ExpressionFailsOnOneDocumentWithStopPolicy_FailsNamingItAndKeepsCheckpointBeforeIt()
    {
        await using JobScope scope = Scope(
            b => b.AddFieldMigration<ServerConvertUser>(ConvertId, m => m.InCollection("users").Convert(
                "age",
                u => u.AgeYears,
                forward: v => new BsonInt32(int.Parse(v.AsString, System.Globalization.CultureInfo.InvariantCulture)),
                forwardExpression: new BsonDocument("$toInt", "$$old"))),
            o => o.Backfill.BatchSize = 10);
        await JobScope.SeedAsync(scope.Collection("users"), Enumerable.Range(1, 30).Select(i => new BsonDocument { { "_id", i }, { "age", i == 15 ? "fifteen" : i.ToString(System.Globalization.CultureInfo.InvariantCulture) } }));
        await scope.StartBackfillAsync(ConvertId);

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(ConvertId);

        Assert.Equal(MigrationJobOutcome.Failed, outcome);
        JobProgress progress = await scope.BackfillAsync(ConvertId);
        Assert.Equal(JobStatus.Failed, progress.Status);
        Assert.Contains("document 15", progress.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("fifteen", progress.LastError, StringComparison.Ordinal);
        Assert.Equal("15", Assert.Single(progress.PoisonDocuments).DocumentId);
        Assert.Equal(10, progress.Processed);
        BsonDocument state = await scope.States.Find(new BsonDocument("_id", ConvertId)).SingleAsync();
        Assert.Equal(10, state["jobs"]["backfill"]["checkpoint"].ToInt32());
        Dictionary<int, BsonValue?> ages = await NewValuesAsync(scope, "ageYears");
        Assert.Null(ages[15]);
        Assert.All(ages.Where(a => a.Key > 20), a => Assert.Null(a.Value));
    }

    private static async Task<Dictionary<int, BsonValue?>> NewValuesAsync(JobScope scope, string field) =>
        (await scope.Collection("users").Find(FilterDefinition<BsonDocument>.Empty).ToListAsync())
            .ToDictionary(d => d["_id"].AsInt32, d => (BsonValue?)d.GetValue(field, null));

    [Theory]
    [InlineData(3)]
    [InlineData(1000)]
    public async Task Backfill_IdsOfManyTypes_ConvertsEveryDocument(int batchSize)
    {
        // Query comparisons never cross BSON types, so a checkpoint like {_id: {$gt: 5}} alone would skip the strings.
        await using JobScope scope = Scope(
            b => b.AddFieldMigration<ServerMixedIdUser>("server-mixed-ids", m => m.InCollection("mixed").Rename("fullName", u => u.DisplayName)),
            o => o.Backfill.BatchSize = batchSize);
        BsonValue[] ids =
        [
            1, 2, 2.5, 3L, 4, 5, new BsonDecimal128(6.5m), "a", "b", "c", "d", new BsonDocument("k", 1), new BsonDocument("k", 2),
            ObjectId.GenerateNewId(), ObjectId.GenerateNewId(), ObjectId.GenerateNewId(), false, true, new BsonDateTime(DateTime.UnixEpoch),
        ];
        await JobScope.SeedAsync(scope.Collection("mixed"), ids.Select((id, i) => new BsonDocument { { "_id", id }, { "fullName", $"User {i}" } }));
        await scope.StartBackfillAsync("server-mixed-ids");

        MigrationJobOutcome outcome = await scope.RunBackfillAsync("server-mixed-ids");

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        Assert.Equal(0, await scope.Collection("mixed").CountDocumentsAsync(new BsonDocument("displayName", new BsonDocument("$exists", false))));
        Assert.Equal(ids.Length, await scope.Collection("mixed").CountDocumentsAsync(new BsonDocument("$expr", new BsonDocument("$eq", new BsonArray { "$displayName", "$fullName" }))));
        Assert.Equal(ids.Length, (await scope.BackfillAsync("server-mixed-ids")).Converted);

        // Verification pages across the types too: drift on a string and an ObjectId id is found and repaired.
        await scope.Collection("mixed").UpdateManyAsync(
            new BsonDocument("_id", new BsonDocument("$in", new BsonArray { "c", ids[14] })), new BsonDocument("$set", new BsonDocument("fullName", "V1 wrote this")));
        VerificationResult verification = await scope.Controller.VerifyAsync("server-mixed-ids");
        Assert.Equal((2L, 2L), (verification.DriftCount, verification.DriftRepaired));
    }

    private JobScope Scope(Action<IZeroDowntimeMigrationsBuilder> migrations, Action<ZeroDowntimeMigrationsOptions>? configure = null) => new(fixture, migrations, configure);

    public sealed class ServerMixedIdUser
    {
        [BsonId]
        public BsonValue Id { get; set; } = BsonNull.Value;

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }

    public sealed class ServerRenameUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string? DisplayName { get; set; }
    }

    public sealed class ServerNestedUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string? DisplayName { get; set; }
    }

    public sealed class ServerConvertUser
    {
        public int Id { get; set; }

        [BsonElement("ageYears")]
        public int AgeYears { get; set; }
    }
}
