using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations;

namespace UserRename;

/// <summary>The whole story: V1 era, rolling deploy of V2, DualWrite → Backfill → SwitchRead → Completed, final report.</summary>
public sealed class Story(SampleOptions options, IMongoDatabase database, TextWriter output)
{
    public const string MigrationId = "2025-11-user-displayname";
    private readonly Deployment deployment = new();
    private readonly TrafficStats stats = new();
    private readonly Dictionary<string, TimeSpan> phaseTimes = [];

    public async Task<int> RunAsync()
    {
        ServiceProvider services = ConfigureServices();
        List<IHostedService> hosted = services.GetServices<IHostedService>().ToList();
        IMigrationController controller = services.GetRequiredService<IMigrationController>();
        IMigrationRunner runner = services.GetRequiredService<IMigrationRunner>();
        IMongoCollection<UserV1> v1 = database.GetCollection<UserV1>("users");
        IMongoCollection<UserV2> v2 = services.GetRequiredService<IMongoCollection<UserV2>>();

        List<ObjectId> seeded = await TimedAsync("Seed (V1 code)", () => SeedAsync(v1));
        foreach (IHostedService service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        using var stop = new CancellationTokenSource();
        var traffic = new Traffic(v1, v2, deployment, stats, seeded, options.Writers, options.Readers);
        Task running = traffic.RunAsync(stop.Token);
        try
        {
            await TimedAsync("V1 era", () => Task.Delay(TimeSpan.FromSeconds(2)));
            await TimedAsync("Rolling deploy (V1 + V2)", async () =>
            {
                deployment.Phase = "Rolling deploy (V1 + V2)";
                deployment.V2Share = 0.5;
                await runner.UpAsync(); // DualWrite, then Backfill: the job is enqueued on the in-process queue.
                await Task.Delay(TimeSpan.FromSeconds(2));
            });
            await TimedAsync("Backfill", async () =>
            {
                deployment.Phase = "Backfill";
                await ShowBackfillAsync(controller); // The rollout finishes half-way: V1 writes behind the backfill are drift.
            });
            await TimedAsync("Verify + SwitchRead", async () =>
            {
                deployment.Phase = "SwitchRead";
                await controller.AdvanceAsync(MigrationId, MigrationPhase.SwitchRead, "sample", "backfill verified");
                await WaitForAcknowledgementAsync(controller);
            });
            await TimedAsync("Completed + cleanup", async () =>
            {
                deployment.Phase = "Completed";
                await controller.AdvanceAsync(MigrationId, MigrationPhase.Completed, "sample", "every instance reads displayName");
                await WaitForCleanupAsync(controller);
                await Task.Delay(TimeSpan.FromSeconds(1));
            });
        }
        finally
        {
            await stop.CancelAsync();
            await running;
            foreach (IHostedService service in hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }
        }

        MigrationStatus status = (await controller.GetStatusAsync()).Single();
        FinalCheck check = await FinalCheck.RunAsync(database.GetCollection<BsonDocument>("users"), traffic.LastWrites);
        await services.DisposeAsync();
        return new Report(output, stats, phaseTimes, status, check, traffic).Print();
    }

    private ServiceProvider ConfigureServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton(database);
        services.AddZeroDowntimeMigrations(o =>
            {
                o.PhaseRefreshInterval = TimeSpan.FromMilliseconds(500);
                o.InstanceTimeout = TimeSpan.FromSeconds(5);
                o.Backfill.BatchSize = options.BatchSize;
            })
            .AddFieldMigration<UserV2>(MigrationId, m => m
                .InCollection("users")
                .Rename(from: "fullName", to: u => u.DisplayName)
                .WithIndexOnNewField())
            .UseInProcessJobQueue();
        return services.BuildServiceProvider();
    }

    private async Task<List<ObjectId>> SeedAsync(IMongoCollection<UserV1> users)
    {
        var ids = new List<ObjectId>(options.Users);
        for (int start = 0; start < options.Users; start += 5000)
        {
            List<UserV1> batch = Enumerable.Range(start, Math.Min(5000, options.Users - start))
                .Select(i => new UserV1 { Id = ObjectId.GenerateNewId(), FullName = $"User {i}", Email = $"user{i}@example.com" })
                .ToList();
            await users.InsertManyAsync(batch);
            ids.AddRange(batch.Select(u => u.Id));
        }

        return ids;
    }

    private async Task ShowBackfillAsync(IMigrationController controller)
    {
        while (true)
        {
            MigrationStatus status = (await controller.GetStatusAsync()).Single();
            if (status.Backfill is { } progress)
            {
                ProgressBar.Render(output, progress);
                if (progress.Converted >= progress.RemainingEstimate)
                {
                    deployment.V2Share = 1.0;
                }

                if (progress.Status is JobStatus.Completed)
                {
                    output.WriteLine();
                    return;
                }

                if (progress.Status is JobStatus.Failed or JobStatus.Cancelled)
                {
                    throw new InvalidOperationException($"The backfill stopped: {progress.Status} {progress.LastError}");
                }
            }

            await Task.Delay(250);
        }
    }

    private static async Task WaitForAcknowledgementAsync(IMigrationController controller)
    {
        for (int i = 0; i < 100; i++)
        {
            MigrationStatus status = (await controller.GetStatusAsync()).Single();
            if (status.LiveInstances.Values.All(p => p >= MigrationPhase.SwitchRead))
            {
                return;
            }

            await Task.Delay(200);
        }
    }

    private static async Task WaitForCleanupAsync(IMigrationController controller)
    {
        while ((await controller.GetStatusAsync()).Single().Cleanup is not { Status: JobStatus.Completed })
        {
            await Task.Delay(200);
        }
    }

    private async Task<T> TimedAsync<T>(string phase, Func<Task<T>> step)
    {
        output.WriteLine($"== {phase}");
        var watch = Stopwatch.StartNew();
        T result = await step();
        phaseTimes[phase] = watch.Elapsed;
        return result;
    }

    private Task TimedAsync(string phase, Func<Task> step) => TimedAsync(phase, async () =>
    {
        await step();
        return 0;
    });
}
