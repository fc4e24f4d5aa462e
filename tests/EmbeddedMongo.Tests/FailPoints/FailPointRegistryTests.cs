using System.Diagnostics;
using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.FailPoints;

/// <summary>
/// <c>configureFailPoint: "failCommand"</c> with MongoDB's shape (against a real server, test commands must be enabled).
/// Every fail point names a fresh application name and is switched off in a finally block.
/// </summary>
[Collection(FailPointCollection.Name)]
public sealed class FailPointRegistryTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const int BadValue = 2;
    private const int TypeMismatch = 14;
    private const int ExceededTimeLimit = 262; // a code the driver retries reads on, once
    private const int WriteConcernFailed = 64;

    [Fact]
    public async Task FailCommand_TimesN_FailsExactlyNMatchingCommandsThenStops()
    {
        await using var app = await FailingAppAsync();
        await app.SeedAsync();
        await app.ConfigureAsync("{times: 2}", "{failCommands: ['find'], errorCode: 2}");

        var first = await Assert.ThrowsAsync<MongoCommandException>(app.FindAsync);
        var second = await Assert.ThrowsAsync<MongoCommandException>(app.FindAsync);
        int third = await app.FindAsync();

        Assert.Equal((BadValue, BadValue), (first.Code, second.Code));
        Assert.Equal(1, third);
    }

    [Fact]
    public async Task FailCommand_OtherCommands_AreNotAffected()
    {
        await using var app = await FailingAppAsync();
        await app.ConfigureAsync("alwaysOn", "{failCommands: ['find'], errorCode: 2}");

        await app.Collection.InsertOneAsync(new BsonDocument("_id", 1));
        long count = await app.Collection.EstimatedDocumentCountAsync();

        Assert.Equal(1, count);
        await Assert.ThrowsAsync<MongoCommandException>(app.FindAsync);
    }

    [Fact]
    public async Task FailCommand_SkipN_LetsNThroughThenFailsEveryMatch()
    {
        await using var app = await FailingAppAsync();
        await app.SeedAsync();
        await app.ConfigureAsync("{skip: 2}", "{failCommands: ['find'], errorCode: 14}");

        int[] passed = [await app.FindAsync(), await app.FindAsync()];
        var third = await Assert.ThrowsAsync<MongoCommandException>(app.FindAsync);
        var fourth = await Assert.ThrowsAsync<MongoCommandException>(app.FindAsync);

        Assert.Equal([1, 1], passed);
        Assert.Equal((TypeMismatch, TypeMismatch), (third.Code, fourth.Code));
    }

    [Fact]
    public async Task FailCommand_AlwaysOnThenOff_FailsUntilSwitchedOff()
    {
        await using var app = await FailingAppAsync();
        await app.SeedAsync();
        await app.ConfigureAsync("alwaysOn", "{failCommands: ['find'], errorCode: 2}");

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(BadValue, (await Assert.ThrowsAsync<MongoCommandException>(app.FindAsync)).Code);
        }

        await app.OffAsync();
        Assert.Equal(1, await app.FindAsync());
    }

    [Fact]
    public async Task FailCommand_RetryableReadCode_IsRetriedOnceByTheDriver()
    {
        await using var app = await FailingAppAsync(retries: true);
        await app.SeedAsync();

        await app.ConfigureAsync("{times: 1}", $"{{failCommands: ['find'], errorCode: {ExceededTimeLimit}}}");
        int afterOneFailure = await app.FindAsync();
        await app.ConfigureAsync("{times: 2}", $"{{failCommands: ['find'], errorCode: {ExceededTimeLimit}}}");
        var afterTwoFailures = await Assert.ThrowsAsync<MongoCommandException>(app.FindAsync);

        Assert.Equal(1, afterOneFailure);
        Assert.Equal(ExceededTimeLimit, afterTwoFailures.Code);
    }

    [Fact]
    public async Task FailCommand_CloseConnection_DriverSeesConnectionErrorAndNextOperationRecovers()
    {
        await using var app = await FailingAppAsync();
        await app.SeedAsync();
        await app.ConfigureAsync("{times: 1}", "{failCommands: ['find'], closeConnection: true}");

        await Assert.ThrowsAnyAsync<MongoConnectionException>(app.FindAsync);
        int next = await app.FindAsync();

        Assert.Equal(1, next);
    }

    [Fact]
    public async Task FailCommand_BlockConnection_DelaysTheCommandByAtLeastBlockTime()
    {
        const int BlockMilliseconds = 400;
        await using var app = await FailingAppAsync();
        await app.SeedAsync();
        await app.FindAsync(); // a warm connection, so the timing below is the block alone
        await app.ConfigureAsync("{times: 1}", $"{{failCommands: ['find'], blockConnection: true, blockTimeMS: {BlockMilliseconds}}}");

        var blocked = Stopwatch.StartNew();
        int found = await app.FindAsync();
        blocked.Stop();
        var unblocked = Stopwatch.StartNew();
        await app.FindAsync();
        unblocked.Stop();

        Assert.Equal(1, found);
        Assert.True(blocked.ElapsedMilliseconds >= BlockMilliseconds, $"blocked only {blocked.ElapsedMilliseconds} ms");
        Assert.True(unblocked.ElapsedMilliseconds < BlockMilliseconds, $"the next find took {unblocked.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task FailCommand_ErrorCodeOnInsert_ThrowsCommandExceptionAndWritesNothing()
    {
        await using var app = await FailingAppAsync();
        await app.ConfigureAsync("{times: 1}", "{failCommands: ['insert'], errorCode: 2}");

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => app.Collection.InsertOneAsync(new BsonDocument("_id", 1)));

        Assert.Equal(BadValue, error.Code);
        Assert.Equal(0, await app.Collection.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task FailCommand_ErrorCodeOnUpdate_ThrowsCommandExceptionAndChangesNothing()
    {
        await using var app = await FailingAppAsync();
        await app.SeedAsync();
        await app.ConfigureAsync("{times: 1}", "{failCommands: ['update'], errorCode: 14}");

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => app.Collection.UpdateOneAsync(
            Builders<BsonDocument>.Filter.Eq("_id", 1), Builders<BsonDocument>.Update.Set("v", "changed")));

        Assert.Equal(TypeMismatch, error.Code);
        Assert.Equal("seed", (await app.Collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync())["v"].AsString);
    }

    [Fact]
    public async Task FailCommand_WriteConcernErrorOnInsert_WriteIsAppliedAndTheErrorReported()
    {
        await using var app = await FailingAppAsync();
        await app.ConfigureAsync("{times: 1}",
            "{failCommands: ['insert'], writeConcernError: {code: 64, codeName: 'WriteConcernFailed', errmsg: 'waiting for replication timed out', errInfo: {wtimeout: true}}}");

        var error = await Assert.ThrowsAsync<MongoBulkWriteException<BsonDocument>>(() => app.Collection.BulkWriteAsync([new InsertOneModel<BsonDocument>(new BsonDocument("_id", 1))]));

        Assert.Equal(WriteConcernFailed, error.WriteConcernError.Code);
        Assert.Empty(error.WriteErrors);
        Assert.Equal(1, error.Result.InsertedCount);
        Assert.Equal(1, await app.Collection.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task FailCommand_WriteConcernErrorOnInsertOne_SurfacesAsWriteExceptionWithWriteConcernError()
    {
        await using var app = await FailingAppAsync();
        await app.ConfigureAsync("{times: 1}",
            "{failCommands: ['insert'], writeConcernError: {code: 64, codeName: 'WriteConcernFailed', errmsg: 'waiting for replication timed out'}}");

        var error = await Assert.ThrowsAsync<MongoWriteException>(() => app.Collection.InsertOneAsync(new BsonDocument("_id", 1)));

        Assert.Null(error.WriteError);
        Assert.Equal(WriteConcernFailed, error.WriteConcernError.Code);
        Assert.Equal(1, await app.Collection.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task FailCommand_AppName_OnlyHitsTheClientWithThatApplicationName()
    {
        await using var failing = await FailingAppAsync();
        await using var other = await FailingAppAsync();
        await failing.SeedAsync();
        await failing.ConfigureAsync("alwaysOn", "{failCommands: ['find'], errorCode: 2}");

        var error = await Assert.ThrowsAsync<MongoCommandException>(failing.FindAsync);
        int seenByOther = (await other.Client.GetDatabase(fixture.Database.DatabaseNamespace.DatabaseName)
            .GetCollection<BsonDocument>(failing.Collection.CollectionNamespace.CollectionName).Find(FilterDefinition<BsonDocument>.Empty).ToListAsync()).Count;

        Assert.Equal(BadValue, error.Code);
        Assert.Equal(1, seenByOther);
    }

    [Fact]
    public async Task ConfigureFailPoint_ModeOff_ReportsHowOftenItFired()
    {
        await using var app = await FailingAppAsync();
        await app.SeedAsync();
        await app.ConfigureAsync("alwaysOn", "{failCommands: ['find'], errorCode: 2}");
        for (int i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<MongoCommandException>(app.FindAsync);
        }

        BsonDocument reply = await app.OffAsync();

        Assert.Equal(3, reply["count"].ToInt64());
    }

    private async Task<FailingApp> FailingAppAsync(bool retries = false)
    {
        string appName = "fp_" + Guid.NewGuid().ToString("N")[..10];
        MongoClient client = await MongoTestServer.CreateClientAsync(settings =>
        {
            settings.ApplicationName = appName;
            settings.RetryReads = retries; // only where a test is about retries: each failure is then seen once
            settings.RetryWrites = retries;
        });
        IMongoCollection<BsonDocument> collection = client.GetDatabase(fixture.Database.DatabaseNamespace.DatabaseName)
            .GetCollection<BsonDocument>("fp_" + Guid.NewGuid().ToString("N")[..8]);
        return new FailingApp(client, appName, collection);
    }

    /// <summary>A client with its own application name, and a fail point scoped to it that is switched off on dispose.</summary>
    private sealed class FailingApp(MongoClient client, string appName, IMongoCollection<BsonDocument> collection) : IAsyncDisposable
    {
        public MongoClient Client { get; } = client;

        public IMongoCollection<BsonDocument> Collection { get; } = collection;

        public Task SeedAsync() => Collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "v", "seed" } });

        public async Task<int> FindAsync() => (await Collection.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync()).Count;

        public Task<BsonDocument> ConfigureAsync(string mode, string data)
        {
            BsonDocument dataDocument = BsonDocument.Parse(data);
            dataDocument["appName"] = appName;
            return Client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument
            {
                { "configureFailPoint", "failCommand" }, { "mode", BsonDocument.TryParse(mode, out BsonDocument m) ? m : mode }, { "data", dataDocument },
            });
        }

        public Task<BsonDocument> OffAsync() => Client.GetDatabase("admin").RunCommandAsync<BsonDocument>(
            new BsonDocument { { "configureFailPoint", "failCommand" }, { "mode", "off" } });

        public async ValueTask DisposeAsync()
        {
            try
            {
                await OffAsync();
            }
            finally
            {
                MongoTestServer.DisposeClient(Client);
            }
        }
    }
}
