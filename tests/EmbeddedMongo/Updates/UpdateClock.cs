using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>The current time for <c>$currentDate</c> and for zero timestamps in replacements.</summary>
internal static class UpdateClock
{
    private static long lastTimestamp;

    public static BsonDateTime Now() => new(TimeProvider.System.GetUtcNow().UtcDateTime);

    /// <summary>A timestamp (seconds, increment) greater than every one handed out before, like MongoDB's logical clock.</summary>
    public static BsonTimestamp NextTimestamp()
    {
        long seconds = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        while (true)
        {
            long previous = Interlocked.Read(ref lastTimestamp);
            long candidate = Math.Max((seconds << 32) | 1, previous + 1);
            if (Interlocked.CompareExchange(ref lastTimestamp, candidate, previous) == previous)
            {
                return new BsonTimestamp(candidate);
            }
        }
    }
}
