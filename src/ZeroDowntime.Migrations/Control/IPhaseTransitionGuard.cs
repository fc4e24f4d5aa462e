namespace ZeroDowntime.Migrations.Control;

/// <summary>A condition a transition must meet; every guard registered in DI is asked before each transition.</summary>
internal interface IPhaseTransitionGuard
{
    /// <summary>Returns why <paramref name="current"/> may not move to <paramref name="to"/>, or null when it may.</summary>
    Task<string?> CheckAsync(IFieldMigration migration, MigrationState current, MigrationPhase to, CancellationToken cancellationToken);
}
