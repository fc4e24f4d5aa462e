using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations;

namespace HangfireBackfill;

/// <summary>The user after the rename (V2).</summary>
public sealed class Customer
{
    public ObjectId Id { get; set; }

    [BsonElement("displayName")]
    public string DisplayName { get; set; } = "";
}

/// <summary>Seeds V1 documents, runs <c>up</c>, lets Hangfire run the backfill, and switches reads.</summary>
public static class HangfireBackfillDemo
{
    public const string MigrationId = "2025-11-customer-displayname";

    /// <summary>Runs the demo; returns how many documents the backfill converted and how many Hangfire jobs succeeded.</summary>
    public static async Task<(long Converted, long HangfireJobsSucceeded)> RunAsync(IMongoDatabase database, int customers, TextWriter output, CancellationToken cancellationToken = default)
    {
        IMongoCollection<BsonDocument> raw = database.GetCollection<BsonDocument>("customers");
        for (int start = 0; start < customers; start += 1000)
        {
            await raw.InsertManyAsync(
                Enumerable.Range(start, Math.Min(1000, customers - start)).Select(i => new BsonDocument("fullName", $"Customer {i}")),
                cancellationToken: cancellationToken);
        }

        var storage = new InMemoryStorage();
        var services = new ServiceCollection();
        services.AddSingleton(database);
        services.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(storage));
        services.AddSingleton<IJobEnqueuer, HangfireJobEnqueuer>();
        services.AddZeroDowntimeMigrations()
            .AddFieldMigration<Customer>(MigrationId, m => m.InCollection("customers").Rename("fullName", c => c.DisplayName));
        await using ServiceProvider provider = services.BuildServiceProvider();

        var serverOptions = new BackgroundJobServerOptions
        {
            Activator = new ServiceProviderJobActivator(provider),
            Queues = ["default", "low"],
            WorkerCount = 1,
            SchedulePollingInterval = TimeSpan.FromMilliseconds(200),
        };
        using var server = new BackgroundJobServer(serverOptions, storage);

        await provider.GetRequiredService<IMigrationRunner>().UpAsync(cancellationToken);
        output.WriteLine("up: the backfill job was handed to Hangfire.");
        IMigrationController controller = provider.GetRequiredService<IMigrationController>();
        JobProgress? progress = null;
        while (progress?.Status != JobStatus.Completed)
        {
            await Task.Delay(100, cancellationToken);
            progress = (await controller.GetStatusAsync(cancellationToken)).Single().Backfill;
            if (progress?.Status is JobStatus.Failed)
            {
                throw new InvalidOperationException("The backfill failed: " + progress.LastError);
            }
        }

        long succeeded = 0;
        for (int i = 0; i < 100 && succeeded == 0; i++)
        {
            await Task.Delay(50, cancellationToken);
            succeeded = storage.GetMonitoringApi().SucceededListCount();
        }

        await controller.AdvanceAsync(MigrationId, MigrationPhase.SwitchRead, "hangfire-demo", "backfill verified");
        output.WriteLine($"Hangfire ran the backfill ({succeeded} job succeeded): {progress.Converted:N0} documents converted; reads switched to displayName.");
        return (progress.Converted, succeeded);
    }
}
