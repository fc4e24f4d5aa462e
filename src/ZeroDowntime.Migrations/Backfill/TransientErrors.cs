using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>Which errors are worth retrying: network failures, failovers, shutdowns and timeouts.</summary>
internal static class TransientErrors
{
    private static readonly HashSet<int> Codes = [6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436, 50];

    public static bool IsTransient(Exception exception) => exception switch
    {
        MongoConnectionException or MongoNotPrimaryException or MongoNodeIsRecoveringException or MongoExecutionTimeoutException or TimeoutException => true,
        MongoException e when e.HasErrorLabel("RetryableWriteError") || e.HasErrorLabel("TransientTransactionError") => true,
        MongoCommandException e => Codes.Contains(e.Code),
        MongoWriteException { WriteConcernError: not null } => true,
        MongoBulkWriteException e when e.WriteConcernError is not null && e.WriteErrors.Count == 0 => true,
        _ => false,
    };

    /// <summary>Runs <paramref name="operation"/>, retrying transient errors with exponential back-off; other errors and cancellation pass through.</summary>
    public static async Task<T> RetryAsync<T>(
        Func<CancellationToken, Task<T>> operation,
        BackfillOptions options,
        TimeProvider time,
        Action<int, Exception, TimeSpan> onRetry,
        CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) && attempt < options.MaxRetries && !cancellationToken.IsCancellationRequested)
            {
                TimeSpan delay = TimeSpan.FromTicks(options.RetryBaseDelay.Ticks << Math.Min(attempt, 10));
                onRetry(attempt + 1, e, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Names an error by type and server code, without its message: messages may quote document values (e.g. a duplicate key).</summary>
    public static string Describe(Exception e) => e switch
    {
        MongoCommandException command => $"{e.GetType().Name} {command.Code} ({command.CodeName})",
        MongoWriteException write => $"{e.GetType().Name} {write.WriteError?.Code}",
        MongoBulkWriteException bulk => $"{e.GetType().Name} {string.Join(",", bulk.WriteErrors.Select(w => w.Code).Distinct())}",
        _ => e.GetType().Name,
    };
}
