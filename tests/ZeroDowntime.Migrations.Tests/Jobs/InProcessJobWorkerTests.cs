using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Tests.Infrastructure;

namespace ZeroDowntime.Migrations.Tests.Jobs;

public sealed class InProcessJobWorkerTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string MigrationId = "inprocess-user-displayname";

    [Fact]
    public async Task UpAsync_WithInProcessQueueUnderAStartedHost_RunsTheBackfillToCompletion()
    {
        await using JobScope scope = new(
            fixture,
            b => b.AddFieldMigration<InProcessUser>(MigrationId, m => m.InCollection("users").Rename("fullName", u => u.DisplayName)).UseInProcessJobQueue(),
            o => o.Backfill.BatchSize = 50,
            TimeProvider.System);
        ServiceProvider host = scope.NewProvider(withQueue: false);
        await JobScope.SeedAsync(scope.Collection("users"), Enumerable.Range(1, 500).Select(i => new BsonDocument { { "_id", i }, { "fullName", $"name {i}" } }));
        List<IHostedService> services = host.GetServices<IHostedService>().ToList();
        foreach (IHostedService service in services)
        {
            await service.StartAsync(default);
        }

        try
        {
            await host.GetRequiredService<IMigrationRunner>().UpAsync();
            JobProgress? progress = await WaitForCompletionAsync(host.GetRequiredService<IMigrationController>(), TimeSpan.FromSeconds(30));

            Assert.Equal(JobStatus.Completed, progress?.Status);
            Assert.Equal(500, progress!.Converted);
            Assert.Equal(500, await scope.Collection("users").CountDocumentsAsync(new BsonDocument("displayName", new BsonDocument("$exists", true))));
            Assert.Empty(scope.Enqueuer.Jobs); // The in-process queue took the job.
        }
        finally
        {
            foreach (IHostedService service in Enumerable.Reverse(services))
            {
                await service.StopAsync(default);
            }
        }
    }

    [Fact]
    public async Task StartAsync_UnfinishedJobFromAnEarlierProcess_IsRecoveredAndRunByTheWorker()
    {
        await using JobScope scope = new(
            fixture,
            b => b.AddFieldMigration<InProcessUser>(MigrationId, m => m.InCollection("users").Rename("fullName", u => u.DisplayName)),
            time: TimeProvider.System);
        await JobScope.SeedAsync(scope.Collection("users"), Enumerable.Range(1, 100).Select(i => new BsonDocument { { "_id", i }, { "fullName", $"name {i}" } }));
        await scope.StartBackfillAsync(MigrationId); // Recorded, never run: the process "stopped".
        ServiceProvider host = scope.NewProvider(withQueue: false, builder: b => b.UseInProcessJobQueue());
        List<IHostedService> services = host.GetServices<IHostedService>().ToList();
        foreach (IHostedService service in services)
        {
            await service.StartAsync(default);
        }

        try
        {
            JobProgress? progress = await WaitForCompletionAsync(host.GetRequiredService<IMigrationController>(), TimeSpan.FromSeconds(30));

            Assert.Equal(JobStatus.Completed, progress?.Status);
            Assert.Equal(100, await scope.Collection("users").CountDocumentsAsync(new BsonDocument("displayName", new BsonDocument("$exists", true))));
        }
        finally
        {
            foreach (IHostedService service in Enumerable.Reverse(services))
            {
                await service.StopAsync(default);
            }
        }
    }

    private static async Task<JobProgress?> WaitForCompletionAsync(IMigrationController controller, TimeSpan timeout)
    {
        // The worker runs on the host's background thread: poll its persisted status.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            JobProgress? progress = (await controller.GetStatusAsync()).Single(s => s.MigrationId == MigrationId).Backfill;
            if (progress?.Status == JobStatus.Completed || clock.Elapsed > timeout)
            {
                return progress;
            }

            await Task.Delay(25);
        }
    }

    public sealed class InProcessUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }
}
