using EmbeddedMongo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations;

// Registers a migration from the packaged library and runs it to SwitchRead against EmbeddedMongo.
await using EmbeddedMongoServer server = await EmbeddedMongoServer.StartAsync();
var services = new ServiceCollection();
services.AddSingleton<IMongoClient>(new MongoClient(server.ConnectionString));
services.AddZeroDowntimeMigrations(o => o.DatabaseName = "smoke")
    .AddFieldMigration<SmokeUser>("smoke-user-displayname", m => m.InCollection("users").Rename("fullName", u => u.DisplayName))
    .UseInProcessJobQueue();
await using ServiceProvider provider = services.BuildServiceProvider();
IMongoCollection<BsonDocument> raw = provider.GetRequiredService<IMongoClient>().GetDatabase("smoke").GetCollection<BsonDocument>("users");
await raw.InsertManyAsync(Enumerable.Range(0, 500).Select(i => new BsonDocument("fullName", $"User {i}")));

foreach (IHostedService service in provider.GetServices<IHostedService>())
{
    await service.StartAsync(default);
}

IMongoCollection<SmokeUser> users = provider.GetRequiredService<IMongoCollection<SmokeUser>>();
SmokeUser before = await users.Find(u => u.DisplayName == "User 7").SingleAsync();
await provider.GetRequiredService<IMigrationRunner>().UpAsync();
IMigrationController controller = provider.GetRequiredService<IMigrationController>();
for (int i = 0; i < 400 && (await controller.GetStatusAsync()).Single().Backfill?.Status != JobStatus.Completed; i++)
{
    await Task.Delay(25);
}

MigrationState state = await controller.AdvanceAsync("smoke-user-displayname", MigrationPhase.SwitchRead, "smoke");
long missing = await raw.CountDocumentsAsync(new BsonDocument("displayName", new BsonDocument("$exists", false)));
bool ok = before.DisplayName == "User 7" && state.Phase == MigrationPhase.SwitchRead && missing == 0;
Console.WriteLine(ok ? "package smoke test: OK" : $"package smoke test: FAILED (read '{before.DisplayName}', phase {state.Phase}, {missing} unconverted)");
return ok ? 0 : 1;

public sealed class SmokeUser
{
    public ObjectId Id { get; set; }

    [BsonElement("displayName")]
    public string DisplayName { get; set; } = "";
}
