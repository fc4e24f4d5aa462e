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
}
