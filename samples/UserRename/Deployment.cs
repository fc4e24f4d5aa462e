namespace UserRename;

/// <summary>
/// Which code version each application instance runs: instance <c>i</c> of <c>n</c> runs V2 once the rollout has
/// reached it. Between 0 and 1 V1 and V2 instances serve side by side (the rolling window).
/// </summary>
public sealed class Deployment
{
    private double v2Share;

    public string Phase { get; set; } = "V1 era";

    public double V2Share
    {
        get => Volatile.Read(ref v2Share);
        set => Volatile.Write(ref v2Share, value);
    }

    public bool RunsV2(int instance, int instances) => instance < Math.Round(V2Share * instances);
}
