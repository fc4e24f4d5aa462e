namespace ZeroDowntime.Migrations;

/// <summary>
/// Starts and undoes migrations (the seed's <c>up</c>/<c>down</c>). Only one runner acts at a time across all
/// instances: each call holds a lock with a lease in the state collection.
/// </summary>
public interface IMigrationRunner
{
    /// <summary>
    /// For every registered migration without a state: registers it in <see cref="MigrationPhase.DualWrite"/>, creates
    /// the index on the new field when the descriptor asks for one, and — with <see cref="BackfillOptions.StartOnUp"/> —
    /// moves it to <see cref="MigrationPhase.Backfill"/>, which enqueues the <c>data.backfill</c> job. Idempotent.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The states after <c>up</c>, one per migration.</returns>
    Task<IReadOnlyList<MigrationState>> UpAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Undoes a migration that is not <see cref="MigrationPhase.Completed"/>: cancels a running backfill, drops the
    /// index <c>up</c> created and removes the state. Documents are not touched: the old field still holds every
    /// write, because every phase before Completed writes it.
    /// </summary>
    /// <param name="migrationId">A registered migration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task completing when the migration is undone.</returns>
    Task DownAsync(string migrationId, CancellationToken cancellationToken = default);
}
