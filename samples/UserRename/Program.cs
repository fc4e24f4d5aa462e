using EmbeddedMongo;
using MongoDB.Driver;
using UserRename;

SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(SampleOptions.Usage);
    return 0;
}

EmbeddedMongoServer? server = options.MongoUri is null ? await EmbeddedMongoServer.StartAsync() : null;
string uri = options.MongoUri ?? server!.ConnectionString;
Console.WriteLine(server is null ? "Using the MongoDB server given with --mongo/MONGODB_URI." : $"Started EmbeddedMongo at {uri}.");
try
{
    var client = new MongoClient(uri);
    IMongoDatabase database = client.GetDatabase("user_rename_sample_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture));
    int exitCode = await new Story(options, database, Console.Out).RunAsync();
    await client.DropDatabaseAsync(database.DatabaseNamespace.DatabaseName);
    return exitCode;
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
    }
}
