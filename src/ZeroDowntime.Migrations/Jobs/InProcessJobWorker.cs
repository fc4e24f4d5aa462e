using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZeroDowntime.Migrations.Backfill;
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
                    // The job's own state records the failure; the worker keeps serving the queue. The exception itself is not
                    // logged: its message may quote document values (DESIGN §7, issue 4 part 7).
                    Log.WorkerFailed(log, job.MigrationId, job.Type, TransientErrors.Describe(e));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown: an interrupted job resumes from its checkpoint when re-enqueued at the next start.
        }
    }
}
