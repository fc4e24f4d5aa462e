using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZeroDowntime.Migrations.Telemetry;

namespace ZeroDowntime.Migrations.Jobs;

/// <summary>Runs the jobs of the <see cref="InProcessJobQueue"/> one at a time, in the host's background.</summary>
internal sealed class InProcessJobWorker(InProcessJobQueue queue, IMigrationJobRunner runner, ILogger<InProcessJobWorker>? logger = null) : BackgroundService
{
    private readonly ILogger log = logger ?? NullLogger<InProcessJobWorker>.Instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (MigrationJob job in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await runner.RunAsync(job, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The job's own state records the failure; the worker keeps serving the queue.
                    Log.WorkerFailed(log, job.MigrationId, job.Type, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: an interrupted job resumes from its checkpoint when re-enqueued at the next start.
        }
    }
}
