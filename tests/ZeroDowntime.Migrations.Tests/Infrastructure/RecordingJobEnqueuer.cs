using System.Collections.Concurrent;

namespace ZeroDowntime.Migrations.Tests.Infrastructure;

/// <summary>An <see cref="IJobEnqueuer"/> that only records what it is given, for tests to run the jobs themselves.</summary>
internal sealed class RecordingJobEnqueuer : IJobEnqueuer
{
    private readonly ConcurrentQueue<MigrationJob> jobs = new();

    public IReadOnlyList<MigrationJob> Jobs => [.. jobs];

    public Task EnqueueAsync(MigrationJob job, CancellationToken cancellationToken = default)
    {
        jobs.Enqueue(job);
        return Task.CompletedTask;
    }
}
