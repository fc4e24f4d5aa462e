using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Commands;

/// <summary>
/// What EmbeddedMongo deliberately refuses: code 2 with "not supported by EmbeddedMongo", never an approximate answer.
/// The class runs a server of its own, so it tests EmbeddedMongo even when the other tests use a real MongoDB.
/// </summary>
public sealed class EmbeddedMongoServerUnsupportedTests : IAsyncLifetime
{
    private const int BadValue = 2;
    private EmbeddedMongoServer server = null!;
    private MongoClient client = null!;
    private IMongoDatabase database = null!;

    public async Task InitializeAsync()
    {
        server = await EmbeddedMongoServer.StartAsync();
        client = new MongoClient(server.ConnectionString);
        database = client.GetDatabase("unsupported");
        await database.GetCollection<BsonDocument>("c").InsertOneAsync(new BsonDocument { { "_id", 1 }, { "name", "a" } });
    }

    public async Task DisposeAsync()
    {
        MongoTestServer.DisposeClient(client);
        await server.DisposeAsync();
    }

    [Theory]
    [InlineData("{find: 'c', collation: {locale: 'fr'}}", "collation")]
    [InlineData("{find: 'c', tailable: true}", "tailable")]
    [InlineData("{create: 'capped', capped: true, size: 4096}", "capped")]
    [InlineData("{create: 'v', viewOn: 'c', pipeline: []}", "viewOn")]
    [InlineData("{create: 'french', collation: {locale: 'fr'}}", "collation")]
    [InlineData("{createIndexes: 'c', indexes: [{key: {name: 'text'}, name: 'name_text'}]}", "text")]
    [InlineData("{createIndexes: 'c', indexes: [{key: {name: 1}, name: 'n', collation: {locale: 'fr'}}]}", "collation")]
    [InlineData("{aggregate: 1, pipeline: [], cursor: {}}", "Database-level aggregation")]
    [InlineData("{count: 'c', collation: {locale: 'fr'}}", "collation")]
    public async Task RunCommand_UnsupportedFeature_FailsLoudlyWithBadValue(string command, string feature)
    {
        var error = await Assert.ThrowsAsync<MongoCommandException>(() => database.RunCommandAsync<BsonDocument>(BsonDocument.Parse(command)));

        Assert.Equal(BadValue, error.Code);
        Assert.Contains("not supported by EmbeddedMongo", error.Message, StringComparison.Ordinal);
        Assert.Contains(feature, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_SimpleCollation_IsTheDefaultAndAccepted()
    {
        List<BsonDocument> found = await database.GetCollection<BsonDocument>("c")
            .Find(FilterDefinition<BsonDocument>.Empty, new FindOptions { Collation = Collation.Simple }).ToListAsync();

        Assert.Equal(1, Assert.Single(found)["_id"].AsInt32);
    }

    [Fact]
    public async Task ConfigureFailPoint_OtherThanFailCommand_FailsLoudly()
    {
        var error = await Assert.ThrowsAsync<MongoCommandException>(() => client.GetDatabase("admin").RunCommandAsync<BsonDocument>(
            BsonDocument.Parse("{configureFailPoint: 'hangBeforeFoo', mode: 'alwaysOn'}")));

        Assert.Equal(BadValue, error.Code);
        Assert.Contains("not supported by EmbeddedMongo", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{failCommands: ['find'], errorCode: 2, namespace: 'unsupported.c'}", "namespace")]
    [InlineData("{failCommands: ['find'], errorCode: 2, errorExtraInfo: {x: 1}}", "errorExtraInfo")]
    public async Task ConfigureFailPoint_DataFieldNotImplemented_FailsLoudlyInsteadOfFailingEveryNamespace(string data, string field)
    {
        var error = await Assert.ThrowsAsync<MongoCommandException>(() => client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument
        {
            { "configureFailPoint", "failCommand" }, { "mode", "alwaysOn" }, { "data", BsonDocument.Parse(data) },
        }));
        List<BsonDocument> found = await database.GetCollection<BsonDocument>("c").Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();

        Assert.Equal(BadValue, error.Code);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.Single(found); // the refused fail point is not active
    }

    [Fact]
    public async Task ConfigureFailPoint_OnANonAdminDatabase_IsRefused()
    {
        var error = await Assert.ThrowsAsync<MongoCommandException>(() => database.RunCommandAsync<BsonDocument>(
            BsonDocument.Parse("{configureFailPoint: 'failCommand', mode: 'off'}")));

        Assert.Equal(13, error.Code);
    }
}
