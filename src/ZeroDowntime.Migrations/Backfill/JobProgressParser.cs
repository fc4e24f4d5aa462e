using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Backfill;

/// <summary>Reads a job's subdocument (see <see cref="JobStateStore"/>) into its public <see cref="JobProgress"/>.</summary>
internal static class JobProgressParser
{
    public static JobProgress Parse(BsonDocument job, ThrottleSettings defaults, DateTimeOffset now)
    {
        BsonDocument? lease = job.GetValue("lease", BsonNull.Value) as BsonDocument;
        DateTimeOffset? leaseExpires = lease?.GetValue("expiresAt", BsonNull.Value) is BsonDateTime expires ? new DateTimeOffset(expires.ToUniversalTime()) : null;
        bool leaseLive = leaseExpires > now;
        double rate = job.GetValue("rate", 0.0).ToDouble();
        long remaining = job.GetValue("remaining", 0L).ToInt64();
        return new JobProgress(
            Enum.TryParse(job.GetValue("status", "NotStarted").ToString(), out JobStatus status) ? status : JobStatus.NotStarted,
            job.GetValue("processed", 0L).ToInt64(),
            job.GetValue("converted", 0L).ToInt64(),
            remaining,
            rate,
            rate > 0 ? TimeSpan.FromSeconds(remaining / rate) : null,
            leaseLive ? lease!.GetValue("owner", BsonNull.Value).ToString() : null,
            leaseLive ? leaseExpires : null,
            job.GetValue("lastError", BsonNull.Value) is { IsString: true } error ? error.AsString : null,
            (job.GetValue("poison", BsonNull.Value) as BsonArray ?? [])
                .OfType<BsonDocument>()
                .Select(p => new PoisonDocument(p.GetValue("id", "").ToString()!, p.GetValue("error", "").ToString()!))
                .ToList(),
            job.GetValue("poisonCount", 0L).ToInt64(),
            Throttle(job, defaults)!,
            job.GetValue("updatedAt", BsonNull.Value) is BsonDateTime updated ? new DateTimeOffset(updated.ToUniversalTime()) : null);
    }

    /// <summary>The throttle stored with the job, or <paramref name="defaults"/> when none is stored.</summary>
    public static ThrottleSettings? Throttle(BsonDocument job, ThrottleSettings? defaults)
    {
        if (job.GetValue("throttle", BsonNull.Value) is not BsonDocument throttle)
        {
            return defaults;
        }

        return new ThrottleSettings(
            throttle.GetValue("batchSize", defaults?.BatchSize ?? 1000).ToInt32(),
            TimeSpan.FromMilliseconds(throttle.GetValue("delayMs", 0.0).ToDouble()),
            throttle.GetValue("maxDocumentsPerSecond", BsonNull.Value) is { IsBsonNull: false } max ? max.ToDouble() : null);
    }

    public static BsonDocument ToDocument(ThrottleSettings throttle) => new()
    {
        { "batchSize", throttle.BatchSize },
        { "delayMs", throttle.DelayBetweenBatches.TotalMilliseconds },
        { "maxDocumentsPerSecond", throttle.MaxDocumentsPerSecond is { } max ? max : BsonNull.Value },
    };
}
