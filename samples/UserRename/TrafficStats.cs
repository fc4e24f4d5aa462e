using System.Collections.Concurrent;

namespace UserRename;

/// <summary>Requests served and failed, per phase of the story.</summary>
public sealed class TrafficStats
{
    private readonly ConcurrentDictionary<string, long[]> byPhase = new();

    public ConcurrentQueue<string> Failures { get; } = new();

    public void Served(string phase) => Interlocked.Increment(ref byPhase.GetOrAdd(phase, _ => new long[2])[0]);

    public void Failed(string phase, Exception error)
    {
        Interlocked.Increment(ref byPhase.GetOrAdd(phase, _ => new long[2])[1]);
        if (Failures.Count < 20)
        {
            Failures.Enqueue($"[{phase}] {error.GetType().Name}: {error.Message}");
        }
    }

    public long TotalFailed => byPhase.Values.Sum(v => Interlocked.Read(ref v[1]));

    public IEnumerable<(string Phase, long Served, long Failed)> Rows => byPhase.Select(p => (p.Key, p.Value[0], p.Value[1]));
}
