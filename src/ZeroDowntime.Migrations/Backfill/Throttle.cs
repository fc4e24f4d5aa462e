namespace ZeroDowntime.Migrations.Backfill;

/// <summary>
/// Decides the pause after each batch: the configured delay, enough to keep under the rate limit, plus an adaptive
/// back-off that doubles while batches are slower than the threshold and halves once they are fast again.
/// </summary>
internal sealed class Throttle(ThrottleSettings settings, TimeSpan slowBatchThreshold, TimeSpan maxBackOff)
{
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(100);

    public ThrottleSettings Settings { get; private set; } = settings;

    public TimeSpan BackOff { get; private set; }

    public void Retune(ThrottleSettings next) => Settings = next;

    /// <summary>The pause to take after a batch of <paramref name="documents"/> that took <paramref name="elapsed"/>.</summary>
    public TimeSpan After(int documents, TimeSpan elapsed)
    {
        if (elapsed > slowBatchThreshold)
        {
            BackOff = BackOff == TimeSpan.Zero ? FirstBackOff : TimeSpan.FromTicks(Math.Min(BackOff.Ticks * 2, maxBackOff.Ticks));
        }
        else if (BackOff > TimeSpan.Zero)
        {
            BackOff = BackOff.Ticks / 2 < TimeSpan.FromMilliseconds(10).Ticks ? TimeSpan.Zero : TimeSpan.FromTicks(BackOff.Ticks / 2);
        }

        TimeSpan pause = Settings.DelayBetweenBatches + BackOff;
        if (Settings.MaxDocumentsPerSecond is { } rate && documents > 0)
        {
            TimeSpan minimum = TimeSpan.FromSeconds(documents / rate);
            pause = TimeSpan.FromTicks(Math.Max(pause.Ticks, (minimum - elapsed).Ticks));
        }

        return pause;
    }
}
