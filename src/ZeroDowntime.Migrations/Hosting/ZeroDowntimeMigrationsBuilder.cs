using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ZeroDowntime.Migrations.Jobs;
using ZeroDowntime.Migrations.Interception.Serialization;

namespace ZeroDowntime.Migrations.Hosting;

/// <summary>The builder returned by <c>AddZeroDowntimeMigrations</c>.</summary>
internal sealed class ZeroDowntimeMigrationsBuilder(IServiceCollection services, MigrationRegistry registry) : IZeroDowntimeMigrationsBuilder
{
    public IServiceCollection Services { get; } = services;

    public IZeroDowntimeMigrationsBuilder AddFieldMigration<TDocument>(string id, Action<FieldMigrationBuilder<TDocument>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new FieldMigrationBuilder<TDocument>(id);
        configure(builder);
        return Add(FieldMigrationDescriptor<TDocument>.Create(builder));
    }

    public IZeroDowntimeMigrationsBuilder AddFieldMigration<TDocument>(FieldMigration<TDocument> migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        return Add(migration.Build());
    }

    public IZeroDowntimeMigrationsBuilder UseInProcessJobQueue()
    {
        Services.TryAddSingleton<InProcessJobQueue>();
        Services.TryAddSingleton<IJobEnqueuer>(sp => sp.GetRequiredService<InProcessJobQueue>());
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, InProcessJobWorker>());
        return this;
    }

    private ZeroDowntimeMigrationsBuilder Add<TDocument>(IFieldMigration<TDocument> migration)
    {
        registry.Add(migration);
        TypeMigrations.Register(migration);
        MigratingCollectionRegistration.Register<TDocument>(Services);
        return this;
    }
}
