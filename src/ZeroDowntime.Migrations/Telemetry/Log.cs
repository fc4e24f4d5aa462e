using Microsoft.Extensions.Logging;

namespace ZeroDowntime.Migrations.Telemetry;

/// <summary>The library's log messages, with stable event ids. They name migrations, fields and document ids, never values or credentials.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Refreshing migration phases failed; keeping the last known phases.")]
    public static partial void PhaseRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Removing the heartbeat of instance {InstanceId} failed.")]
    public static partial void HeartbeatRemovalFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Migration {MigrationId} moved from {From} to {To} by {By}: {Reason}")]
    public static partial void PhaseChanged(ILogger logger, string migrationId, MigrationPhase? from, MigrationPhase to, string by, string? reason);
}
