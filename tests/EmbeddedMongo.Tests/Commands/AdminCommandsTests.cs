using EmbeddedMongo.Tests.Cursors;
using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Commands;

public sealed class AdminCommandsTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const int CommandNotFound = 59;

    private IMongoDatabase Admin => fixture.Client.GetDatabase("admin");

    [Theory]
    [InlineData("hello", "isWritablePrimary")]
    [InlineData("isMaster", "ismaster")]
    public async Task Hello_Handshake_ReportsWhatTheDriverNeeds(string command, string primaryField)
    {
        BsonDocument reply = await Admin.RunCommandAsync<BsonDocument>(new BsonDocument(command, 1));

        Assert.True(reply[primaryField].AsBoolean);
        Assert.InRange(reply["maxWireVersion"].ToInt32(), 9, 30);
        Assert.Equal(16 * 1024 * 1024, reply["maxBsonObjectSize"].ToInt32());
        Assert.Equal(48_000_000, reply["maxMessageSizeBytes"].ToInt32());
        Assert.Equal(100_000, reply["maxWriteBatchSize"].ToInt32());
        Assert.True(reply["logicalSessionTimeoutMinutes"].ToInt32() > 0);
        Assert.Equal(BsonType.DateTime, reply["localTime"].BsonType);
        Assert.Equal(1.0, reply["ok"].ToDouble());
    }

    [Fact]
    public async Task BuildInfo_Always_ReportsVersionAndMatchingVersionArray()
    {
        BsonDocument reply = await Admin.RunCommandAsync<BsonDocument>(new BsonDocument("buildInfo", 1));

        string version = reply["version"].AsString;
        BsonArray parts = reply["versionArray"].AsBsonArray;
        Assert.Equal(4, parts.Count);
        Assert.StartsWith($"{parts[0].ToInt32()}.{parts[1].ToInt32()}.", version, StringComparison.Ordinal);
        Assert.True(parts[0].ToInt32() >= 4);
        Assert.Equal(16 * 1024 * 1024, reply["maxBsonObjectSize"].ToInt32());
    }

    [Fact]
    public async Task Ping_Always_ReturnsOk()
    {
        BsonDocument reply = await Admin.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));

        Assert.Equal(1.0, reply["ok"].ToDouble());
    }

    [Fact]
    public async Task RunCommand_UnknownCommand_FailsWithCommandNotFound()
    {
        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument("noSuchCommandZdm", 1)));

        Assert.Equal(CommandNotFound, error.Code);
        Assert.Equal("CommandNotFound", error.CodeName);
    }

    [Fact]
    public async Task ListDatabases_NameOnly_ListsTheDatabaseByNameAlone()
    {
        await fixture.NewCollection<BsonDocument>().InsertOneAsync(new BsonDocument("_id", 1));
        string name = fixture.Database.DatabaseNamespace.DatabaseName;

        BsonDocument reply = await Admin.RunCommandAsync<BsonDocument>(new BsonDocument { { "listDatabases", 1 }, { "nameOnly", true } });
        List<string> names = await (await fixture.Client.ListDatabaseNamesAsync()).ToListAsync();

        BsonDocument entry = reply["databases"].AsBsonArray.Select(d => d.AsBsonDocument).Single(d => d["name"] == name);
        Assert.Equal(["name"], entry.Names);
        Assert.Contains(name, names);
    }

    [Fact]
    public async Task ListDatabases_Full_ReportsSizesAndTotal()
    {
        await fixture.NewCollection<BsonDocument>().InsertOneAsync(new BsonDocument("_id", 1));
        string name = fixture.Database.DatabaseNamespace.DatabaseName;

        BsonDocument reply = await Admin.RunCommandAsync<BsonDocument>(new BsonDocument("listDatabases", 1));

        BsonDocument entry = reply["databases"].AsBsonArray.Select(d => d.AsBsonDocument).Single(d => d["name"] == name);
        Assert.True(entry["sizeOnDisk"].ToInt64() > 0);
        Assert.False(entry["empty"].AsBoolean);
        Assert.True(reply["totalSize"].ToInt64() >= entry["sizeOnDisk"].ToInt64());
    }

    [Fact]
    public async Task ListDatabases_DatabaseNeverWritten_IsNotListed()
    {
        string name = "zdm_test_never_" + Guid.NewGuid().ToString("N")[..8];
        _ = await fixture.Client.GetDatabase(name).GetCollection<BsonDocument>("c").Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();

        List<string> names = await (await fixture.Client.ListDatabaseNamesAsync()).ToListAsync();

        Assert.DoesNotContain(name, names);
    }

    [Fact]
    public async Task StartSession_ExplicitSession_OperationsRunInThatSession()
    {
        using CommandLog log = await CommandLog.CreateAsync();
        IMongoCollection<BsonDocument> collection = log.Client.GetDatabase(fixture.Database.DatabaseNamespace.DatabaseName)
            .GetCollection<BsonDocument>("sess_" + Guid.NewGuid().ToString("N")[..8]);

        using (IClientSessionHandle session = await log.Client.StartSessionAsync())
        {
            await collection.InsertOneAsync(session, new BsonDocument { { "_id", 1 }, { "a", "x" } });
            List<BsonDocument> found = await collection.Find(session, FilterDefinition<BsonDocument>.Empty).ToListAsync();

            Assert.Equal("x", Assert.Single(found)["a"].AsString);
            BsonValue sessionId = session.ServerSession.Id["id"];
            Assert.Equal(sessionId, log.Started("insert").Single()["lsid"]["id"]);
            Assert.Equal(sessionId, log.Started("find").Single()["lsid"]["id"]);
        }
    }

    [Fact]
    public async Task EndSessions_ClientDisposed_EndsTheSessionsItUsed()
    {
        CommandLog log = await CommandLog.CreateAsync();
        BsonValue sessionId;
        using (IClientSessionHandle session = await log.Client.StartSessionAsync())
        {
            await log.Client.GetDatabase(fixture.Database.DatabaseNamespace.DatabaseName).GetCollection<BsonDocument>("sess")
                .InsertOneAsync(session, new BsonDocument("_id", Guid.NewGuid().ToString()));
            sessionId = session.ServerSession.Id["id"];
        }

        log.Dispose();

        BsonDocument endSessions = Assert.Single(log.Started("endSessions"));
        Assert.Contains(endSessions["endSessions"].AsBsonArray, s => s["id"] == sessionId);
        Assert.Equal(1.0, Assert.Single(log.Replies("endSessions"))["ok"].ToDouble());
    }

    [Fact]
    public async Task BulkWrite_UnacknowledgedWriteConcern_IsAppliedWithoutAnAcknowledgement()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        IMongoCollection<BsonDocument> unacknowledged = collection.WithWriteConcern(WriteConcern.Unacknowledged);

        var results = new List<BulkWriteResult<BsonDocument>>();
        for (int i = 0; i < 20; i++)
        {
            results.Add(await unacknowledged.BulkWriteAsync([new InsertOneModel<BsonDocument>(new BsonDocument("_id", i))]));
        }

        Assert.All(results, r => Assert.False(r.IsAcknowledged));
        long count = 0;
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); count < 20 && waited.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(20))
        {
            count = await collection.EstimatedDocumentCountAsync();
        }

        Assert.Equal(20, count);
        BsonDocument ping = await Admin.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1)); // no stray reply left on a connection
        Assert.Equal(1.0, ping["ok"].ToDouble());
    }
}
