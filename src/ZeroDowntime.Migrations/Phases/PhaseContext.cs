namespace ZeroDowntime.Migrations.Phases;

/// <summary>
/// Connects the process-global serializer to the phases of the service provider whose collection is in use: the
/// collection decorator sets <see cref="Current"/> around each call and each cursor step. Outside a decorator call,
/// the phase source created last in the process is used.
/// </summary>
internal static class PhaseContext
{
    private static readonly AsyncLocal<IPhaseSource?> Ambient = new();
    private static volatile IPhaseSource? fallback;

    public static IPhaseSource? Current => Ambient.Value ?? fallback;

    /// <summary>Makes <paramref name="source"/> the fallback for code that reads or writes outside a decorator.</summary>
    public static void SetFallback(IPhaseSource source) => fallback = source;

    /// <summary>Makes <paramref name="source"/> current until the returned scope is disposed.</summary>
    public static Scope Enter(IPhaseSource source)
    {
        IPhaseSource? previous = Ambient.Value;
        Ambient.Value = source;
        return new Scope(previous);
    }

    /// <summary>Restores the previous phase source.</summary>
    public readonly struct Scope(IPhaseSource? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
