using System.Globalization;
using ZeroDowntime.Migrations;

namespace UserRename;

/// <summary>The final report; returns the exit code (1 when an invariant failed).</summary>
public sealed class Report(TextWriter output, TrafficStats stats, Dictionary<string, TimeSpan> phaseTimes, MigrationStatus status, FinalCheck check, Traffic traffic)
{
    public int Print()
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine("== Report");
        output.WriteLine("  Requests served per phase:");
        foreach ((string phase, long served, long failed) in stats.Rows.OrderBy(r => r.Phase, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(culture, $"    {phase,-28} {served,9:N0} served  {failed,5:N0} failed"));
        }

        output.WriteLine("  Time per phase:");
        foreach ((string phase, TimeSpan time) in phaseTimes)
        {
            output.WriteLine(string.Create(culture, $"    {phase,-28} {time.TotalSeconds,8:N1} s"));
        }

        long failedRequests = stats.TotalFailed;
        output.WriteLine(string.Create(culture, $"  Failed requests:           {failedRequests:N0}"));
        output.WriteLine(string.Create(culture, $"  Lost writes:               {check.LostWrites:N0} (of {traffic.LastWrites.Count:N0} users written, {traffic.Inserted:N0} inserted)"));
        output.WriteLine(string.Create(culture, $"  Documents backfilled:      {status.Backfill?.Converted ?? 0:N0}"));
        output.WriteLine(string.Create(culture, $"  Drift repaired:            {status.DriftRepairedTotal:N0} (writes from V1 code behind the backfill)"));
        output.WriteLine(string.Create(culture, $"  Users without displayName: {check.MissingDisplayName:N0}"));
        output.WriteLine(string.Create(culture, $"  Users still with fullName: {check.OldFieldLeft:N0}"));
        output.WriteLine($"  Final phase:               {status.State?.Phase}");
        foreach (string failure in stats.Failures)
        {
            output.WriteLine("  ! " + failure);
        }

        foreach (string sample in check.Samples)
        {
            output.WriteLine("  ! lost: " + sample);
        }

        bool ok = failedRequests == 0 && check.LostWrites == 0 && check.MissingDisplayName == 0 && check.OldFieldLeft == 0
            && status.State?.Phase == MigrationPhase.Completed;
        output.WriteLine(ok ? "  RESULT: OK — every invariant holds." : "  RESULT: FAILED — an invariant does not hold.");
        return ok ? 0 : 1;
    }
}
