using Microsoft.Extensions.DependencyInjection;

namespace ZeroDowntime.Migrations;

/// <summary>Adds migrations and opt-in behaviour to the services configured by <c>AddZeroDowntimeMigrations</c>.</summary>
public interface IZeroDowntimeMigrationsBuilder
{
    /// <summary>The service collection the migrations are registered in.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// Registers a migration described fluently, its serializer (process-wide) and the migrating
    /// <c>IMongoCollection&lt;TDocument&gt;</c>. Call at start-up, before anything reads or writes <typeparamref name="TDocument"/>.
    /// </summary>
    /// <typeparam name="TDocument">The document class the application reads and writes (the V2 model).</typeparam>
    /// <param name="id">The migration's stable id, e.g. <c>2025-11-user-displayname</c>.</param>
    /// <param name="configure">Describes the migration.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="MigrationValidationException">The description breaks a rule.</exception>
    /// <exception cref="MigrationRegistrationException">The type was already used, or another migration claims the field.</exception>
    IZeroDowntimeMigrationsBuilder AddFieldMigration<TDocument>(string id, Action<FieldMigrationBuilder<TDocument>> configure);

    /// <summary>Registers a class-based migration; see <see cref="AddFieldMigration{TDocument}(string, Action{FieldMigrationBuilder{TDocument}})"/>.</summary>
    /// <typeparam name="TDocument">The document class the application reads and writes (the V2 model).</typeparam>
    /// <param name="migration">The migration.</param>
    /// <returns>This builder.</returns>
    IZeroDowntimeMigrationsBuilder AddFieldMigration<TDocument>(FieldMigration<TDocument> migration);

    /// <summary>
    /// Runs migration jobs in this process: an in-memory queue drained by a hosted background service. For hosts
    /// without a job system of their own; otherwise register an <see cref="IJobEnqueuer"/> for your queue instead.
    /// </summary>
    /// <returns>This builder.</returns>
    IZeroDowntimeMigrationsBuilder UseInProcessJobQueue();
}
