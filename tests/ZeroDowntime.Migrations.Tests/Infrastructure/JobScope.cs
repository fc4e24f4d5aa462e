using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Tests.Infrastructure;

/// <summary>
/// One test's world for the jobs: a fresh database (dropped on dispose), a clock, a recording job queue, captured
/// logs, and any number of service providers over that database (one per simulated application instance or worker).
/// </summary>
internal sealed class JobScope : IAsyncDisposable
{
    private static int counter;
    private readonly MongoDatabaseFixture fixture;
    private readonly Action<IZeroDowntimeMigrationsBuilder> migrations;
    private readonly Action<ZeroDowntimeMigrationsOptions>? configure;
    private readonly List<ServiceProvider> providers = [];
    private readonly List<IMongoClient> clients = [];
    private ServiceProvider? main;

    public JobScope(MongoDatabaseFixture fixture, Action<IZeroDowntimeMigrationsBuilder> migrations, Action<ZeroDowntimeMigrationsOptions>? configure = null, TimeProvider? time = null)
    {
        this.fixture = fixture;
        this.migrations = migrations;
        this.configure = configure;
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        DatabaseName = $"{fixture.Database.DatabaseNamespace.DatabaseName}_{Interlocked.Increment(ref counter)}";
        Database = fixture.Client.GetDatabase(DatabaseName);
    }

    public string DatabaseName { get; }

    /// <summary>The test's database, through the test's own client (never targeted by worker fail points).</summary>
    public IMongoDatabase Database { get; }

    public IMongoClient Client => fixture.Client;

    public TimeProvider Time { get; }

    public FakeTimeProvider FakeTime => (FakeTimeProvider)Time;

    public RecordingJobEnqueuer Enqueuer { get; } = new();

    public CapturingLoggerFactory Logs { get; } = new();

    /// <summary>The test's own instance, with the recording queue (created on first use).</summary>
    public ServiceProvider Provider => main ??= NewProvider();

    public IMigrationController Controller => Provider.GetRequiredService<IMigrationController>();

    public IMigrationJobRunner Jobs => Provider.GetRequiredService<IMigrationJobRunner>();

    public IMigrationRunner Runner => Provider.GetRequiredService<IMigrationRunner>();

    public IMongoCollection<BsonDocument> States => Database.GetCollection<BsonDocument>("_zdm_migrations");

    public IMongoCollection<BsonDocument> Collection(string name) => Database.GetCollection<BsonDocument>(name);

    /// <summary>Another instance over the same database. <paramref name="database"/> overrides it (e.g. through a client with its own application name).</summary>
    public ServiceProvider NewProvider(
        bool withQueue = true,
        IMongoDatabase? database = null,
        Action<IServiceCollection>? services = null,
        Action<ZeroDowntimeMigrationsOptions>? options = null,
        Action<IZeroDowntimeMigrationsBuilder>? builder = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton(database ?? Database);
        collection.AddSingleton(Time);
        collection.AddSingleton<ILoggerFactory>(Logs);
        collection.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        if (withQueue)
        {
            collection.AddSingleton<IJobEnqueuer>(Enqueuer);
        }

        IZeroDowntimeMigrationsBuilder migrationsBuilder = collection.AddZeroDowntimeMigrations(o =>
        {
            if (Time is FakeTimeProvider)
            {
                o.Backfill.RetryBaseDelay = TimeSpan.Zero; // A fake clock never fires retry delays.
            }

            configure?.Invoke(o);
            options?.Invoke(o);
        });
        migrations(migrationsBuilder);
        builder?.Invoke(migrationsBuilder);
        services?.Invoke(collection);
        ServiceProvider provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        providers.Add(provider);
        return provider;
    }

    /// <summary>
    /// A provider whose MongoDB client has its own application name, so fail points can target only it;
    /// <paramref name="client"/> configures that client further (e.g. to watch its commands).
    /// </summary>
    public async Task<ServiceProvider> NewWorkerAsync(string applicationName, Action<ZeroDowntimeMigrationsOptions>? options = null, Action<MongoClientSettings>? client = null)
    {
        MongoClient mongoClient = await MongoTestServer.CreateClientAsync(s =>
        {
            s.ApplicationName = applicationName;
            client?.Invoke(s);
        });
        clients.Add(mongoClient);
        return NewProvider(database: mongoClient.GetDatabase(DatabaseName), options: options);
    }

    /// <summary>Registers the migration and moves it to Backfill (which enqueues its job).</summary>
    public async Task StartBackfillAsync(string migrationId, IServiceProvider? via = null)
    {
        IMigrationController controller = via?.GetRequiredService<IMigrationController>() ?? Controller;
        await controller.RegisterAsync(migrationId, "test");
        await controller.AdvanceAsync(migrationId, MigrationPhase.Backfill, "test");
    }

    public Task<MigrationJobOutcome> RunBackfillAsync(string migrationId, CancellationToken cancellationToken = default) =>
        Jobs.RunAsync(new MigrationJob(MigrationJobTypes.Backfill, migrationId), cancellationToken);

    public async Task<MigrationStatus> StatusAsync(string migrationId, IServiceProvider? via = null) =>
        (await (via?.GetRequiredService<IMigrationController>() ?? Controller).GetStatusAsync()).Single(s => s.MigrationId == migrationId);

    public async Task<JobProgress> BackfillAsync(string migrationId, IServiceProvider? via = null) =>
        (await StatusAsync(migrationId, via)).Backfill ?? throw new InvalidOperationException($"{migrationId} has no backfill progress.");

    /// <summary>Inserts documents in batches of 5,000.</summary>
    public static async Task SeedAsync(IMongoCollection<BsonDocument> collection, IEnumerable<BsonDocument> documents)
    {
        foreach (BsonDocument[] chunk in documents.Chunk(5_000))
        {
            await collection.InsertManyAsync(chunk);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (ServiceProvider provider in providers)
        {
            await provider.DisposeAsync();
        }

        foreach (IMongoClient client in clients)
        {
            MongoTestServer.DisposeClient(client);
        }

        await fixture.Client.DropDatabaseAsync(DatabaseName);
    }
}
