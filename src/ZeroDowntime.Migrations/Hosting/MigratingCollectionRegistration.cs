using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Collection;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Hosting;

/// <summary>
/// Registers the migrating <c>IMongoCollection&lt;TDocument&gt;</c>: the collection of the type's migrations, wrapped
/// in the decorator that applies every migration of the type according to its phase.
/// </summary>
internal static class MigratingCollectionRegistration
{
    public static void Register<TDocument>(IServiceCollection services) =>
        services.TryAddSingleton<IMongoCollection<TDocument>>(sp =>
        {
            IReadOnlyList<IFieldMigration> migrations = sp.GetRequiredService<MigrationRegistry>().ForDocument(typeof(TDocument));
            IMongoCollection<TDocument> inner = sp.GetRequiredService<MigrationDatabase>().Database.GetCollection<TDocument>(migrations[0].CollectionName);
            return new MigratingCollection<TDocument>(inner, migrations, sp.GetRequiredService<MigrationPhaseCache>());
        });
}
