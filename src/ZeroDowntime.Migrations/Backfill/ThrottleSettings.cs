namespace ZeroDowntime.Migrations;

/// <summary>The throttle of a running job, changeable while it runs (<see cref="IMigrationController"/>).</summary>
/// <param name="BatchSize">Documents per batch.</param>
/// <param name="DelayBetweenBatches">A pause after each batch.</param>
/// <param name="MaxDocumentsPerSecond">The most documents per second; null for no limit.</param>
public sealed record ThrottleSettings(int BatchSize, TimeSpan DelayBetweenBatches, double? MaxDocumentsPerSecond)
{
    internal string? Problem() =>
        BatchSize is < 1 or > 100_000 ? $"the batch size must be between 1 and 100000 (is {BatchSize})"
        : DelayBetweenBatches < TimeSpan.Zero ? $"the delay must not be negative (is {DelayBetweenBatches})"
        : MaxDocumentsPerSecond is <= 0 ? $"the rate limit must be positive or null (is {MaxDocumentsPerSecond})"
        : null;
}
