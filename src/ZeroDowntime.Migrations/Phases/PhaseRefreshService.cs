using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ZeroDowntime.Migrations.Telemetry;

namespace ZeroDowntime.Migrations.Phases;

/// <summary>Refreshes the phase cache and heartbeat on an interval (driven by <see cref="TimeProvider"/>).</summary>
internal sealed class PhaseRefreshService(
    MigrationPhaseCache cache,
    InstanceHeartbeats heartbeats,
    IOptions<ZeroDowntimeMigrationsOptions> options,
    TimeProvider time,
    ILogger<PhaseRefreshService>? logger = null) : BackgroundService
{
    private readonly ILogger log = logger ?? NullLogger<PhaseRefreshService>.Instance;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Know the phases before the application serves its first request.
        await RefreshOnceAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await heartbeats.LeaveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.HeartbeatRemovalFailed(log, heartbeats.InstanceId, e);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.PhaseRefreshInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RefreshOnceAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task RefreshOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await cache.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Keep serving with the last known phases; the next tick tries again.
            Log.PhaseRefreshFailed(log, e);
        }
    }
}
