using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Tests.Infrastructure;

namespace ZeroDowntime.Migrations.Tests.Jobs;

public sealed class MigrationJobRunnerTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string RenameId = "jobrunner-user-displayname";
    private const string DeriveId = "jobrunner-order-customer";

    [Fact]
    public async Task RunAsync_UnknownJobType_ThrowsNamingTheExpectedTypes()
    {
        await using JobScope scope = Scope();
        await scope.StartBackfillAsync(RenameId);

        ZeroDowntimeMigrationException error = await Assert.ThrowsAsync<ZeroDowntimeMigrationException>(
            () => scope.Jobs.RunAsync(new MigrationJob("data.reindex", RenameId)));

        Assert.Contains("data.reindex", error.Message, StringComparison.Ordinal);
        Assert.Contains(MigrationJobTypes.Backfill, error.Message, StringComparison.Ordinal);
        Assert.Equal(RenameId, error.MigrationId);
    }

    [Fact]
    public async Task RunAsync_UnknownMigration_ThrowsNamingIt()
    {
        await using JobScope scope = Scope();

        ZeroDowntimeMigrationException error = await Assert.ThrowsAsync<ZeroDowntimeMigrationException>(
            () => scope.Jobs.RunAsync(new MigrationJob(MigrationJobTypes.Backfill, "no-such-migration")));

        Assert.Contains("no-such-migration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoStateYet_IsNotApplicable()
    {
        await using JobScope scope = Scope();

        Assert.Equal(MigrationJobOutcome.NotApplicable, await scope.RunBackfillAsync(RenameId));
        Assert.Equal(MigrationJobOutcome.NotApplicable, await scope.Jobs.RunAsync(new MigrationJob(MigrationJobTypes.Cleanup, RenameId)));
    }

    [Fact]
    public async Task RunAsync_CleanupOfDeriveMigration_CompletesKeepingTheSourceField()
    {
        await using JobScope scope = Scope();
        IMongoCollection<BsonDocument> orders = scope.Collection("orders");
        await orders.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "customerId", 7 } });
        await scope.StartBackfillAsync(DeriveId);
        Assert.Equal(MigrationJobOutcome.Completed, await scope.RunBackfillAsync(DeriveId));
        await scope.Controller.AdvanceAsync(DeriveId, MigrationPhase.SwitchRead, "test");
        await scope.Controller.AdvanceAsync(DeriveId, MigrationPhase.Completed, "test");

        MigrationJobOutcome outcome = await scope.Jobs.RunAsync(new MigrationJob(MigrationJobTypes.Cleanup, DeriveId));

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "customerId", 7 }, { "customerName", "customer 7" } }, await orders.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync());
        Assert.Equal(JobStatus.Completed, (await scope.StatusAsync(DeriveId)).Cleanup!.Status);
    }

    [Fact]
    public async Task RunAsync_ServerSideUpdateRejectedForOneDocument_StopsNamingItWithoutValues()
    {
        await using JobScope scope = Scope();
        IMongoCollection<BsonDocument> users = scope.Collection("users");
        await users.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(new BsonDocument("displayName", 1), new CreateIndexOptions { Unique = true, Sparse = true }));
        await users.InsertManyAsync([new BsonDocument { { "_id", 1 }, { "fullName", "SECRET-VALUE-123" } }, new BsonDocument { { "_id", 2 }, { "fullName", "SECRET-VALUE-123" } }]);
        await scope.StartBackfillAsync(RenameId);

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(RenameId);

        Assert.Equal(MigrationJobOutcome.Failed, outcome);
        JobProgress progress = await scope.BackfillAsync(RenameId);
        Assert.Equal(JobStatus.Failed, progress.Status);
        Assert.Contains("document 2", progress.LastError, StringComparison.Ordinal);
        Assert.Contains("11000", progress.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-VALUE-123", progress.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-VALUE-123", scope.Logs.Text, StringComparison.Ordinal);
        Assert.Contains(scope.Logs.Lines, l => l.Contains(RenameId, StringComparison.Ordinal) && l.Contains("document 2", StringComparison.Ordinal));
        Assert.Equal(1, await users.CountDocumentsAsync(new BsonDocument("displayName", new BsonDocument("$exists", true))));
    }

    private JobScope Scope() => new(fixture, b => b
        .AddFieldMigration<JobRunnerUser>(RenameId, m => m.InCollection("users").Rename("fullName", u => u.DisplayName))
        .AddFieldMigration<JobRunnerOrder>(DeriveId, m => m.InCollection("orders").Derive<CustomerNames>("customerId", o => o.CustomerName)));

    public sealed class CustomerNames : IDerivedValueResolver
    {
        public Task<IReadOnlyDictionary<BsonValue, BsonValue>> ResolveAsync(IReadOnlyList<BsonValue> keys, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<BsonValue, BsonValue>>(keys.ToDictionary(k => k, k => (BsonValue)$"customer {k}"));
    }

    public sealed class JobRunnerUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }

    public sealed class JobRunnerOrder
    {
        public int Id { get; set; }

        [BsonElement("customerId")]
        public int CustomerId { get; set; }

        [BsonElement("customerName")]
        public string CustomerName { get; set; } = "";
    }
}
