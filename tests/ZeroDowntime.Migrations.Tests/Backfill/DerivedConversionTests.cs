using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Tests.Infrastructure;

namespace ZeroDowntime.Migrations.Tests.Backfill;

public sealed class DerivedConversionTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string MigrationId = "derived-project-ownername";

    [Fact]
    public async Task Backfill_DeriveOwnerName_ResolvesOncePerBatchWithTheBatchsDistinctKeys()
    {
        await using JobScope scope = Scope(o => o.Backfill.BatchSize = 10);
        await SeedUsersAsync(scope, 5);
        List<BsonDocument> projects = Enumerable.Range(1, 35).Select(i => new BsonDocument { { "_id", i }, { "name", $"p{i}" }, { "ownerId", OwnerOf(i) } }).ToList();
        await JobScope.SeedAsync(scope.Collection("projects"), projects);
        await scope.StartBackfillAsync(MigrationId);

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(MigrationId);

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        List<IReadOnlyList<BsonValue>> calls = scope.Provider.GetRequiredService<OwnerLookups>().Calls.ToList();
        List<List<BsonValue>> expected = projects.Chunk(10).Select(batch => batch.Select(p => p["ownerId"]).Distinct().ToList()).ToList();
        Assert.Equal(4, calls.Count);
        Assert.Equal(expected.Select(e => e.OrderBy(k => k.AsString)), calls.Select(c => c.OrderBy(k => k.AsString)));
        Assert.All(calls, c => Assert.Equal(c.Count, c.Distinct().Count()));
        List<BsonDocument> after = await scope.Collection("projects").Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        Assert.All(after, p => Assert.Equal($"Owner {p["ownerId"].AsString}", p["ownerName"].AsString));
        Assert.All(after, p => Assert.True(p.Contains("ownerId")));
    }

    [Fact]
    public async Task Backfill_OwnerMissing_RecordsThePoisonDocumentWithoutAValue()
    {
        await using JobScope scope = Scope(o => o.Backfill.PoisonPolicy = PoisonDocumentPolicy.SkipAndReport);
        await SeedUsersAsync(scope, 2);
        await scope.Collection("projects").InsertManyAsync(
        [
            new BsonDocument { { "_id", 1 }, { "ownerId", "u1" } },
            new BsonDocument { { "_id", 2 }, { "ownerId", "u-gone" } },
            new BsonDocument { { "_id", 3 }, { "ownerId", "u2" } },
        ]);
        await scope.StartBackfillAsync(MigrationId);

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(MigrationId);

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        PoisonDocument poison = Assert.Single((await scope.BackfillAsync(MigrationId)).PoisonDocuments);
        Assert.Equal("2", poison.DocumentId);
        Assert.Contains("ownerId", poison.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("u-gone", poison.Error, StringComparison.Ordinal);
        Assert.Equal(2, await scope.Collection("projects").CountDocumentsAsync(new BsonDocument("ownerName", new BsonDocument("$exists", true))));
    }

    [Fact]
    public async Task Backfill_OwnerNameAlreadyWritten_IsKept()
    {
        await using JobScope scope = Scope();
        await SeedUsersAsync(scope, 1);
        await scope.Collection("projects").InsertManyAsync(
        [
            new BsonDocument { { "_id", 1 }, { "ownerId", "u1" }, { "ownerName", "set by V2" } },
            new BsonDocument { { "_id", 2 }, { "ownerId", "u1" } },
        ]);
        await scope.StartBackfillAsync(MigrationId);

        await scope.RunBackfillAsync(MigrationId);

        List<BsonDocument> after = await scope.Collection("projects").Find(FilterDefinition<BsonDocument>.Empty).Sort(new BsonDocument("_id", 1)).ToListAsync();
        Assert.Equal(["set by V2", "Owner u1"], after.Select(p => p["ownerName"].AsString));
        Assert.Equal(new BsonValue[] { "u1" }, Assert.Single(scope.Provider.GetRequiredService<OwnerLookups>().Calls));
    }

    private static string OwnerOf(int project) => $"u{(project * 7 % 5) + 1}";

    private static Task SeedUsersAsync(JobScope scope, int count) =>
        scope.Collection("users").InsertManyAsync(Enumerable.Range(1, count).Select(i => new BsonDocument { { "_id", $"u{i}" }, { "fullName", $"Owner u{i}" } }));

    private JobScope Scope(Action<ZeroDowntimeMigrationsOptions>? configure = null) =>
        new(
            fixture,
            b =>
            {
                b.Services.AddSingleton<OwnerLookups>();
                b.AddFieldMigration<DerivedProject>(MigrationId, m => m.InCollection("projects").Derive<OwnerNameResolver>("ownerId", p => p.OwnerName));
            },
            configure);

    /// <summary>Records every call of the resolver.</summary>
    public sealed class OwnerLookups
    {
        public ConcurrentQueue<IReadOnlyList<BsonValue>> Calls { get; } = new();
    }

    /// <summary>The seed's resolver: the owners' names from the users collection, with one <c>$in</c> query per batch.</summary>
    public sealed class OwnerNameResolver(IMongoDatabase database, OwnerLookups lookups) : IDerivedValueResolver
    {
        public async Task<IReadOnlyDictionary<BsonValue, BsonValue>> ResolveAsync(IReadOnlyList<BsonValue> keys, CancellationToken cancellationToken = default)
        {
            lookups.Calls.Enqueue(keys.ToList());
            List<BsonDocument> users = await database.GetCollection<BsonDocument>("users")
                .Find(new BsonDocument("_id", new BsonDocument("$in", new BsonArray(keys))))
                .ToListAsync(cancellationToken);
            return users.ToDictionary(u => u["_id"], u => u["fullName"]);
        }
    }

    public sealed class DerivedProject
    {
        public int Id { get; set; }

        [BsonElement("ownerId")]
        public string OwnerId { get; set; } = "";

        [BsonElement("ownerName")]
        public string? OwnerName { get; set; }
    }
}
