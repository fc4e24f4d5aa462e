using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Tests.Docs;

/// <summary>The README's quick start, verbatim between the markers, so it cannot rot.</summary>
public sealed class ReadmeQuickStartTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task QuickStart_AsWrittenInReadme_RenamesTheFieldEndToEnd()
    {
        string connectionString = fixture.ConnectionString;
        var services = new ServiceCollection();
        await fixture.Database.GetCollection<BsonDocument>("users").InsertOneAsync(new BsonDocument("fullName", "Ada Lovelace"));
        string databaseName = fixture.Database.DatabaseNamespace.DatabaseName;

        // README quick start, begin
        services.AddSingleton<IMongoClient>(new MongoClient(connectionString));
        services.AddZeroDowntimeMigrations(o => o.DatabaseName = databaseName)
                .AddFieldMigration<User>("2025-11-user-displayname", m => m
                    .InCollection("users")
                    .Rename(from: "fullName", to: u => u.DisplayName))
                .UseInProcessJobQueue();
        // README quick start, end (the README says "app" where this test names its own database)

        await using ServiceProvider provider = services.BuildServiceProvider();
        List<IHostedService> hosted = provider.GetServices<IHostedService>().ToList();
        foreach (IHostedService service in hosted)
        {
            await service.StartAsync(default);
        }

        // README quick start, begin
        IMongoCollection<User> users = provider.GetRequiredService<IMongoCollection<User>>();
        User ada = await users.Find(u => u.DisplayName == "Ada Lovelace").FirstAsync();

        await provider.GetRequiredService<IMigrationRunner>().UpAsync();
        IMigrationController controller = provider.GetRequiredService<IMigrationController>();
        // README quick start, end
        await WaitForBackfillAsync(controller);
        // README quick start, begin
        await controller.AdvanceAsync("2025-11-user-displayname", MigrationPhase.SwitchRead, by: "ops");
        // README quick start, end
        await provider.GetRequiredService<Phases.MigrationPhaseCache>().RefreshAsync(default);
        // README quick start, begin
        await controller.AdvanceAsync("2025-11-user-displayname", MigrationPhase.Completed, by: "ops");
        // README quick start, end
        await WaitForCleanupAsync(controller);
        foreach (IHostedService service in hosted)
        {
            await service.StopAsync(default);
        }

        BsonDocument stored = await fixture.Database.GetCollection<BsonDocument>("users").Find(FilterDefinition<BsonDocument>.Empty).SingleAsync();
        Assert.Equal("Ada Lovelace", ada.DisplayName);
        Assert.Equal("Ada Lovelace", stored["displayName"].AsString);
        Assert.False(stored.Contains("fullName"));
    }

    [Fact]
    public void Readme_QuickStart_MatchesThisTest()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        string test = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "ZeroDowntime.Migrations.Tests", "Docs", "ReadmeQuickStartTests.cs"));

        foreach (string line in QuickStartLines(test))
        {
            Assert.Contains(line.Replace("databaseName", "\"app\"", StringComparison.Ordinal), readme, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<string> QuickStartLines(string source)
    {
        bool inside = false;
        foreach (string raw in source.Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith("// README quick start, begin", StringComparison.Ordinal))
            {
                inside = true;
            }
            else if (line.StartsWith("// README quick start, end", StringComparison.Ordinal))
            {
                inside = false;
            }
            else if (inside && line.Length > 0)
            {
                yield return line;
            }
        }
    }

    private static string RepositoryRoot()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "ZeroDowntime.Migrations.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("Repository root not found.");
    }

    private static async Task WaitForBackfillAsync(IMigrationController controller)
    {
        for (int i = 0; i < 200 && (await controller.GetStatusAsync()).Single().Backfill?.Status != JobStatus.Completed; i++)
        {
            await Task.Delay(25);
        }
    }

    private static async Task WaitForCleanupAsync(IMigrationController controller)
    {
        for (int i = 0; i < 200 && (await controller.GetStatusAsync()).Single().Cleanup?.Status != JobStatus.Completed; i++)
        {
            await Task.Delay(25);
        }
    }

    public sealed class User
    {
        public ObjectId Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }
}
