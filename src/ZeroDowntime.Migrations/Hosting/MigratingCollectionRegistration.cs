using Microsoft.Extensions.DependencyInjection;

namespace ZeroDowntime.Migrations.Hosting;

/// <summary>Registers the migrating <c>IMongoCollection&lt;TDocument&gt;</c> in DI (wired when the decorator lands).</summary>
internal static class MigratingCollectionRegistration
{
    public static void Register<TDocument>(IServiceCollection services) => _ = services;
}
