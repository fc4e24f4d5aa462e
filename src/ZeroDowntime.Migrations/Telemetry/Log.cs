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

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "The {Job} job of migration {MigrationId} is already running elsewhere; this run does nothing.")]
    public static partial void JobAlreadyRunning(ILogger logger, string migrationId, string job);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "The {Job} job of migration {MigrationId} completed: {Processed} documents examined, {Changed} changed.")]
    public static partial void JobCompleted(ILogger logger, string migrationId, string job, long processed, long changed);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "The {Job} job of migration {MigrationId} failed: {Error}")]
    public static partial void JobFailed(ILogger logger, string migrationId, string job, string error, Exception exception);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "The {Job} job of migration {MigrationId} lost its lease ({Owner}); it stops.")]
    public static partial void JobLeaseLost(ILogger logger, string migrationId, string job, string owner);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "The {Job} job of migration {MigrationId}: attempt {Attempt} failed with {Error}; retrying in {Delay}.")]
    public static partial void JobRetrying(ILogger logger, string migrationId, string job, int attempt, string error, TimeSpan delay);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Migration {MigrationId}: document {DocumentId} could not be converted: {Error}")]
    public static partial void PoisonDocument(ILogger logger, string migrationId, string documentId, string error);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "Migration {MigrationId}: writes from pre-migration code detected: {Count} documents had drifted and were re-copied (e.g. {SampleIds}).")]
    public static partial void DriftRepaired(ILogger logger, string migrationId, long count, string sampleIds);

    [LoggerMessage(EventId = 17, Level = LogLevel.Information, Message = "Enqueued the {Job} job of migration {MigrationId}.")]
    public static partial void JobEnqueued(ILogger logger, string migrationId, string job);

    [LoggerMessage(EventId = 18, Level = LogLevel.Error, Message = "The in-process worker failed running the {Job} job of migration {MigrationId}.")]
    public static partial void WorkerFailed(ILogger logger, string migrationId, string job, Exception exception);
}
