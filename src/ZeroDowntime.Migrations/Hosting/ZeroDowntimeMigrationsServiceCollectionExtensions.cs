using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using ZeroDowntime.Migrations;
using ZeroDowntime.Migrations.Backfill;
using ZeroDowntime.Migrations.Control;
using ZeroDowntime.Migrations.Jobs;
using ZeroDowntime.Migrations.Runner;
using ZeroDowntime.Migrations.Hosting;
using ZeroDowntime.Migrations.Phases;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ZeroDowntime.Migrations in a service collection.</summary>
public static class ZeroDowntimeMigrationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the migration state machine, the phase cache with its refresh service and heartbeat, and the controller.
    /// Add migrations with the returned builder. Calling it again returns a builder over the same registrations.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options (database, state collection, refresh interval...).</param>
    /// <returns>A builder to add migrations with.</returns>
    public static IZeroDowntimeMigrationsBuilder AddZeroDowntimeMigrations(this IServiceCollection services, Action<ZeroDowntimeMigrationsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<ZeroDowntimeMigrationsOptions> options = services.AddOptions<ZeroDowntimeMigrationsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.FirstOrDefault(d => d.ServiceType == typeof(MigrationRegistry))?.ImplementationInstance is MigrationRegistry existing)
        {
            return new ZeroDowntimeMigrationsBuilder(services, existing);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZeroDowntimeMigrationsOptions>, OptionsValidator>());
        var registry = new MigrationRegistry();
        services.AddSingleton(registry);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MigrationDatabase>();
        services.TryAddSingleton(sp => new MigrationStateStore(
            sp.GetRequiredService<MigrationDatabase>().Database.GetCollection<BsonDocument>(sp.GetRequiredService<IOptions<ZeroDowntimeMigrationsOptions>>().Value.StateCollectionName),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp =>
        {
            ZeroDowntimeMigrationsOptions o = sp.GetRequiredService<IOptions<ZeroDowntimeMigrationsOptions>>().Value;
            return new InstanceHeartbeats(
                sp.GetRequiredService<MigrationDatabase>().Database.GetCollection<BsonDocument>(o.InstancesCollectionName),
                o.InstanceId,
                o.InstanceTimeout,
                sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<MigrationPhaseCache>();
        services.TryAddSingleton(sp => new JobStateStore(
            sp.GetRequiredService<MigrationStateStore>().Collection,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<ZeroDowntimeMigrationsOptions>>().Value.Backfill.LeaseDuration));
        services.TryAddSingleton<MigrationJobRunner>();
        services.TryAddSingleton<IMigrationJobRunner>(sp => sp.GetRequiredService<MigrationJobRunner>());
        services.TryAddSingleton<VerificationGuard>();
        services.TryAddSingleton<JobScheduling>();
        services.AddSingleton<IPhaseTransitionGuard>(sp => sp.GetRequiredService<JobScheduling>());
        services.AddSingleton<IPhaseTransitionGuard>(sp => sp.GetRequiredService<VerificationGuard>());
        services.AddSingleton<IPhaseTransitionGuard, InstancesAcknowledgedGuard>();
        services.AddSingleton<IPhaseTransitionObserver>(sp => sp.GetRequiredService<JobScheduling>());
        services.TryAddSingleton<IMigrationController, MigrationController>();
        services.TryAddSingleton<IMigrationRunner, MigrationRunner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PhaseRefreshService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, InterruptedJobRecovery>());
        return new ZeroDowntimeMigrationsBuilder(services, registry);
    }

    private sealed class OptionsValidator : IValidateOptions<ZeroDowntimeMigrationsOptions>
    {
        public ValidateOptionsResult Validate(string? name, ZeroDowntimeMigrationsOptions options)
        {
            List<string> failures = options.Validate().ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
