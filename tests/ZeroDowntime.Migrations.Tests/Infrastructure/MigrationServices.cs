using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MongoDB.Driver;
using ZeroDowntime.Migrations;

namespace ZeroDowntime.Migrations.Tests.Infrastructure;

/// <summary>Builds a service provider with ZeroDowntime.Migrations over a test database and a fake clock.</summary>
internal static class MigrationServices
{
    public static ServiceProvider Create(
        IMongoDatabase database,
        Action<IZeroDowntimeMigrationsBuilder> migrations,
        FakeTimeProvider? time = null,
        Action<ZeroDowntimeMigrationsOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(database);
        services.AddSingleton<TimeProvider>(time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        IZeroDowntimeMigrationsBuilder builder = services.AddZeroDowntimeMigrations(o =>
        {
            o.StateCollectionName = "_zdm_migrations";
            configure?.Invoke(o);
        });
        migrations(builder);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
