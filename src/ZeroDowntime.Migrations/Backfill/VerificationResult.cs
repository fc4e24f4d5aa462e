namespace ZeroDowntime.Migrations;

/// <summary>What verification found: the guard on <see cref="MigrationPhase.SwitchRead"/>.</summary>
/// <param name="MissingCount">Documents that have the old field but not the new one (after converting the ones it could).</param>
/// <param name="DriftCount">Documents whose new value differed from <c>forward(old)</c>: writes from pre-migration code.</param>
/// <param name="DriftRepaired">How many of those were re-copied from the old field.</param>
/// <param name="SampleIds">Some of the drifted or missing documents' ids, as JSON.</param>
/// <param name="DriftChecked">False when the conversion cannot be checked (derive migrations).</param>
public sealed record VerificationResult(long MissingCount, long DriftCount, long DriftRepaired, IReadOnlyList<string> SampleIds, bool DriftChecked)
{
    /// <summary>True when reads may switch to the new field.</summary>
    public bool Passed => MissingCount == 0 && DriftCount == DriftRepaired;
}
