using EmbeddedMongo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using ZeroDowntime.Migrations.Backfill;
using ZeroDowntime.Migrations.Jobs;

namespace ZeroDowntime.Migrations.Benchmarks.Backfill;

/// <summary>
/// The world of the backfill benchmarks: a server (EmbeddedMongo in this process, or the one at
/// <c>ZDM_BENCH_MONGODB_URI</c> / a given URI), a database, and a service provider with two migrations:
/// <c>users.fullName → displayName</c> (rename: server-side) and <c>people.fullName → displayName</c>
/// (convert without expression: client-side).
/// </summary>
internal sealed class BackfillBench : IAsyncDisposable
{
    public const string ServerSideId = "bench-users-rename";
    public const string ClientSideId = "bench-people-convert";
    public const string Users = "users";
    public const string People = "people";
    public const int BatchSize = 1_000;

    private readonly EmbeddedMongoServer? server;
    private readonly MongoClient client;

    private BackfillBench(EmbeddedMongoServer? server, MongoClient client, string databaseName)
    {
        this.server = server;
        this.client = client;
        Database = client.GetDatabase(databaseName);
        var services = new ServiceCollection();
        services.AddSingleton(Database);
        services.AddSingleton<IJobEnqueuer, DiscardingJobEnqueuer>();
        services.AddZeroDowntimeMigrations(o => o.Backfill.BatchSize = BatchSize)
            .AddFieldMigration<BenchUser>(ServerSideId, m => m.InCollection(Users).Rename("fullName", u => u.DisplayName))
            .AddFieldMigration<BenchPerson>(ClientSideId, m => m.InCollection(People).Convert("fullName", p => p.DisplayName, Forward));
        Provider = services.BuildServiceProvider();
    }

    public IMongoDatabase Database { get; }

    public ServiceProvider Provider { get; }

    public static BsonValue Forward(BsonValue old) => old.AsString.ToUpperInvariant();

    public static async Task<BackfillBench> StartAsync(string? uri = null, string databaseName = "zdm_bench")
    {
        uri ??= Environment.GetEnvironmentVariable("ZDM_BENCH_MONGODB_URI");
        EmbeddedMongoServer? server = string.IsNullOrEmpty(uri) ? await EmbeddedMongoServer.StartAsync() : null;
        return new BackfillBench(server, new MongoClient(uri ?? server!.ConnectionString), databaseName);
    }

    public IMongoCollection<BsonDocument> Collection(string name) => Database.GetCollection<BsonDocument>(name);

    /// <summary>Drops the collection and the migrations' state, inserts <paramref name="count"/> old-shape documents, and moves the migration to Backfill.</summary>
    public async Task ResetAsync(string collection, string migrationId, int count)
    {
        await Database.DropCollectionAsync(collection);
        await SeedAsync(Collection(collection), count);
        await StartBackfillAsync(migrationId);
    }

    /// <summary>Forgets the migration's state, then moves it to Backfill afresh.</summary>
    public async Task StartBackfillAsync(string migrationId)
    {
        await Database.GetCollection<BsonDocument>("_zdm_migrations").DeleteManyAsync(new BsonDocument("_id", migrationId));
        IMigrationController controller = Provider.GetRequiredService<IMigrationController>();
        await controller.RegisterAsync(migrationId, "bench");
        await controller.AdvanceAsync(migrationId, MigrationPhase.Backfill, "bench");
    }

    /// <summary>Inserts old-shape documents with InsertMany in batches of 5,000.</summary>
    public static async Task SeedAsync(IMongoCollection<BsonDocument> collection, int count)
    {
        const int chunk = 5_000;
        var batch = new List<BsonDocument>(chunk);
        for (int start = 0; start < count; start += chunk)
        {
            batch.Clear();
            for (int id = start; id < Math.Min(start + chunk, count); id++)
            {
                batch.Add(new BsonDocument { { "_id", id }, { "fullName", "user number " + id }, { "email", $"user{id}@example.com" }, { "n", id % 97 } });
            }

            await collection.InsertManyAsync(batch);
        }
    }

    /// <summary>Sets the batch size the next run uses (as an operator's retune would).</summary>
    public Task RetuneAsync(string migrationId, int batchSize) =>
        Provider.GetRequiredService<IMigrationController>().RetuneAsync(migrationId, new ThrottleSettings(batchSize, TimeSpan.Zero, null));

    /// <summary>The whole job, as a host's worker runs it: batches, sweep and verification.</summary>
    public Task<MigrationJobOutcome> RunJobAsync(string migrationId) =>
        Provider.GetRequiredService<IMigrationJobRunner>().RunAsync(new MigrationJob(MigrationJobTypes.Backfill, migrationId));

    /// <summary>Only the conversion: the batch loop and its sweep, without the final verification.</summary>
    public Task<MigrationJobOutcome> RunConversionAsync(string migrationId)
    {
        IFieldMigration migration = Provider.GetRequiredService<MigrationRegistry>().Get(migrationId);
        IMongoCollection<BsonDocument> collection = Collection(migration.CollectionName);
        IBatchWork work = Provider.GetRequiredService<MigrationJobRunner>().Converter(collection, migration);
        var run = new BatchJobRun(
            Provider.GetRequiredService<JobStateStore>(),
            collection,
            migration,
            JobStateStore.BackfillKind,
            work,
            Provider.GetRequiredService<IOptions<ZeroDowntimeMigrationsOptions>>().Value.Backfill,
            TimeProvider.System,
            NullLogger.Instance);
        return run.RunAsync("bench/" + Guid.NewGuid().ToString("N"), null, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        ICluster cluster = client.Cluster;
        client.Dispose();
        ClusterRegistry.Instance.UnregisterAndDisposeCluster(cluster);
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private sealed class DiscardingJobEnqueuer : IJobEnqueuer
    {
        public Task EnqueueAsync(MigrationJob job, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    public sealed class BenchUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }

    public sealed class BenchPerson
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }
}
