using EmbeddedMongo;
using HangfireBackfill;
using MongoDB.Driver;

// Usage: dotnet run --project samples/HangfireBackfill [-- <mongodb uri>]
string? uri = args.FirstOrDefault() ?? Environment.GetEnvironmentVariable("MONGODB_URI");
EmbeddedMongoServer? server = uri is null ? await EmbeddedMongoServer.StartAsync() : null;
var client = new MongoClient(uri ?? server!.ConnectionString);
IMongoDatabase database = client.GetDatabase("hangfire_backfill_sample");
try
{
    await HangfireBackfillDemo.RunAsync(database, customers: 20_000, Console.Out);
    return 0;
}
finally
{
    await client.DropDatabaseAsync(database.DatabaseNamespace.DatabaseName);
    if (server is not null)
    {
        await server.DisposeAsync();
    }
}
