using System.Globalization;
using ZeroDowntime.Migrations;

namespace UserRename;

/// <summary>Draws the backfill's persisted progress (from the controller, not the sample's own counting).</summary>
public static class ProgressBar
{
    public static void Render(TextWriter output, JobProgress progress)
    {
        long total = progress.Converted + progress.RemainingEstimate;
        double fraction = total == 0 ? 1 : (double)progress.Converted / total;
        int filled = (int)Math.Round(fraction * 30);
        string eta = progress.EstimatedTimeRemaining is { } t ? t.ToString(@"mm\:ss", CultureInfo.InvariantCulture) : "--:--";
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r  [{new string('#', filled)}{new string('.', 30 - filled)}] {fraction,6:P1}  {progress.Converted,9:N0} converted  {progress.DocumentsPerSecond,9:N0} docs/s  ETA {eta}  {progress.Status}   "));
    }
}
