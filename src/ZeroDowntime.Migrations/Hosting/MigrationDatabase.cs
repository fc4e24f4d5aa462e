using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Hosting;

/// <summary>The database the migrations work in: <see cref="ZeroDowntimeMigrationsOptions.DatabaseName"/> of the registered
/// <see cref="IMongoClient"/>, or the registered <see cref="IMongoDatabase"/>.</summary>
internal sealed class MigrationDatabase(IServiceProvider services, IOptions<ZeroDowntimeMigrationsOptions> options)
{
    private IMongoDatabase? database;

    public IMongoDatabase Database => database ??= Resolve();

    private IMongoDatabase Resolve()
    {
        if (options.Value.DatabaseName is { } name)
        {
            IMongoClient client = services.GetService<IMongoClient>()
                ?? throw new InvalidOperationException($"ZeroDowntime.Migrations: DatabaseName is '{name}' but no IMongoClient is registered; register one (services.AddSingleton<IMongoClient>(...)).");
            return client.GetDatabase(name);
        }

        return services.GetService<IMongoDatabase>()
            ?? throw new InvalidOperationException("ZeroDowntime.Migrations: set ZeroDowntimeMigrationsOptions.DatabaseName (with an IMongoClient registered) or register an IMongoDatabase.");
    }
}
