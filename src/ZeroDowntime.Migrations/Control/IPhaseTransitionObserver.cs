namespace ZeroDowntime.Migrations.Control;

/// <summary>Reacts to a transition once it is persisted (e.g. enqueues the job the new phase needs).</summary>
internal interface IPhaseTransitionObserver
{
    Task OnTransitionedAsync(IFieldMigration migration, MigrationState before, MigrationState after, CancellationToken cancellationToken);
}
