namespace ZeroDowntime.Migrations.Phases;

/// <summary>
/// Which transitions the state machine allows: forward one phase at a time, back to any earlier phase until
/// <see cref="MigrationPhase.Completed"/>, and nothing out of <see cref="MigrationPhase.Completed"/>.
/// </summary>
internal static class PhaseRules
{
    /// <summary>Returns why <paramref name="from"/> → <paramref name="to"/> is forbidden, or null when it is allowed.</summary>
    public static string? Forbidden(MigrationPhase from, MigrationPhase to)
    {
        if (!Enum.IsDefined(to))
        {
            return $"{(int)to} is not a phase.";
        }

        if (from == to)
        {
            return $"it is already in {to}.";
        }

        if (from == MigrationPhase.Completed)
        {
            return "Completed is final: the old field has been (or is being) removed, so there is nothing to roll back to.";
        }

        if (to > from && to != from + 1)
        {
            return $"phases advance one at a time; the next phase after {from} is {from + 1}.";
        }

        return null;
    }

    public static bool IsRollback(MigrationPhase from, MigrationPhase to) => to < from;
}
