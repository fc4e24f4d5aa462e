using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Cursors;

public sealed class CursorManagerTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const int CursorNotFound = 43;
    private const int Unauthorized = 13;

    [Fact]
    public async Task Find_FiveThousandDocumentsInBatchesOf100_ReturnsEachDocumentOnceOverManyGetMores()
    {
        using CommandLog log = await CommandLog.CreateAsync();
        IMongoCollection<BsonDocument> collection = await SeedAsync(log.Client, 5_000);

        List<BsonDocument> all = await collection.Find(FilterDefinition<BsonDocument>.Empty, new FindOptions { BatchSize = 100 }).ToListAsync();

        Assert.Equal(5_000, all.Count);
        Assert.Equal(Enumerable.Range(0, 5_000), all.Select(d => d["_id"].AsInt32).Order());
        Assert.Equal(100, log.Replies("find").Single()["cursor"]["firstBatch"].AsBsonArray.Count);
        int getMores = log.Started("getMore").Count;
        Assert.InRange(getMores, 49, 50); // 49 full batches; a server may need one more to see the end
        Assert.All(log.Replies("getMore").SkipLast(1), reply => Assert.Equal(100, reply["cursor"]["nextBatch"].AsBsonArray.Count));
    }

    [Fact]
    public async Task Find_SkipAndLimit_ReturnsThatWindowOnly()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(fixture.Client, 100);

        List<BsonDocument> window = await collection.Find(FilterDefinition<BsonDocument>.Empty)
            .Sort(Builders<BsonDocument>.Sort.Ascending("_id")).Skip(10).Limit(25).ToListAsync();

        Assert.Equal(Enumerable.Range(10, 25), window.Select(d => d["_id"].AsInt32));
    }

    [Fact]
    public async Task Find_SortDescendingById_ReturnsReverseOrder()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(fixture.Client, 30);

        List<BsonDocument> all = await collection.Find(FilterDefinition<BsonDocument>.Empty)
            .Sort(Builders<BsonDocument>.Sort.Descending("_id")).Limit(5).ToListAsync();

        Assert.Equal([29, 28, 27, 26, 25], all.Select(d => d["_id"].AsInt32));
    }

    [Fact]
    public async Task Find_LimitAcrossBatches_StopsAtTheLimit()
    {
        using CommandLog log = await CommandLog.CreateAsync();
        IMongoCollection<BsonDocument> collection = await SeedAsync(log.Client, 1_000);

        List<BsonDocument> some = await collection.Find(FilterDefinition<BsonDocument>.Empty, new FindOptions { BatchSize = 100 })
            .Sort(Builders<BsonDocument>.Sort.Ascending("_id")).Limit(250).ToListAsync();

        Assert.Equal(Enumerable.Range(0, 250), some.Select(d => d["_id"].AsInt32));
        Assert.Equal(0L, log.Replies("getMore").Last()["cursor"]["id"].ToInt64()); // the server closed the cursor at the limit
        Assert.Empty(log.Started("killCursors"));
    }

    [Fact]
    public async Task Find_NegativeLimit_ReturnsOneBatchWithoutLeavingACursor()
    {
        using CommandLog log = await CommandLog.CreateAsync();
        IMongoCollection<BsonDocument> collection = await SeedAsync(log.Client, 300);

        List<BsonDocument> some = await collection.Find(FilterDefinition<BsonDocument>.Empty).Limit(-50).ToListAsync();

        Assert.Equal(50, some.Count);
        BsonDocument reply = log.Replies("find").Single();
        Assert.Equal(0L, reply["cursor"]["id"].ToInt64());
        Assert.Empty(log.Started("getMore"));
    }

    [Fact]
    public async Task Find_SingleBatchCommand_ReturnsFirstBatchAndCursorIdZero()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(fixture.Client, 50);

        BsonDocument reply = await fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument
        {
            { "find", collection.CollectionNamespace.CollectionName }, { "batchSize", 10 }, { "singleBatch", true },
        });

        Assert.Equal(10, reply["cursor"]["firstBatch"].AsBsonArray.Count);
        Assert.Equal(0L, reply["cursor"]["id"].ToInt64());
        Assert.Equal(collection.CollectionNamespace.FullName, reply["cursor"]["ns"].AsString);
    }

    [Theory]
    [InlineData("find")]
    [InlineData("aggregate")]
    public async Task FirstBatch_BatchSizeBeyond32Bits_ReturnsEverythingAndClosesTheCursor(string command)
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(fixture.Client, 5);
        string name = collection.CollectionNamespace.CollectionName;
        var huge = new BsonInt64(3_000_000_000L);

        BsonDocument reply = await fixture.Database.RunCommandAsync<BsonDocument>(command == "find"
            ? new BsonDocument { { "find", name }, { "batchSize", huge } }
            : new BsonDocument { { "aggregate", name }, { "pipeline", new BsonArray() }, { "cursor", new BsonDocument("batchSize", huge) } });

        Assert.Equal(5, reply["cursor"]["firstBatch"].AsBsonArray.Count);
        Assert.Equal(0L, reply["cursor"]["id"].ToInt64());
    }

    [Fact]
    public async Task Find_NegativeBatchSize_IsRefused()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(fixture.Client, 5);

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(
            new BsonDocument { { "find", collection.CollectionNamespace.CollectionName }, { "batchSize", -1 } }));

        Assert.Equal(51024, error.Code);
    }

    [Fact]
    public async Task GetMore_UntilExhausted_ReturnsTheRestThenCursorIdZero()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(fixture.Client, 25);
        using IClientSessionHandle session = await fixture.Client.StartSessionAsync();
        string name = collection.CollectionNamespace.CollectionName;

        BsonDocument first = await fixture.Database.RunCommandAsync<BsonDocument>(session, new BsonDocument { { "find", name }, { "batchSize", 10 } });
        long id = first["cursor"]["id"].ToInt64();
        BsonDocument second = await fixture.Database.RunCommandAsync<BsonDocument>(session, GetMore(id, name, 10));
        BsonDocument third = await fixture.Database.RunCommandAsync<BsonDocument>(session, GetMore(id, name, 10));

        Assert.NotEqual(0L, id);
        Assert.Equal(id, second["cursor"]["id"].ToInt64());
        Assert.Equal(10, second["cursor"]["nextBatch"].AsBsonArray.Count);
        Assert.Equal(5, third["cursor"]["nextBatch"].AsBsonArray.Count);
        Assert.Equal(0L, third["cursor"]["id"].ToInt64());
        IEnumerable<int> ids = new[] { first["cursor"]["firstBatch"], second["cursor"]["nextBatch"], third["cursor"]["nextBatch"] }
            .SelectMany(b => b.AsBsonArray).Select(d => d["_id"].AsInt32);
        Assert.Equal(Enumerable.Range(0, 25), ids.Order());
    }

    [Fact]
    public async Task KillCursors_EnumeratorDisposedEarly_CursorIsGone()
    {
        using CommandLog log = await CommandLog.CreateAsync();
        IMongoCollection<BsonDocument> collection = await SeedAsync(log.Client, 100);
        using IClientSessionHandle session = await log.Client.StartSessionAsync();

        using (IAsyncCursor<BsonDocument> cursor = await collection.FindAsync(session, FilterDefinition<BsonDocument>.Empty, new FindOptions<BsonDocument> { BatchSize = 10 }))
        {
            Assert.True(await cursor.MoveNextAsync());
            Assert.Equal(10, cursor.Current.Count());
        }

        long id = log.Replies("find").Single()["cursor"]["id"].ToInt64();
        Assert.NotEqual(0L, id);
        Assert.Equal(id, log.Started("killCursors").Single()["cursors"][0].ToInt64());
        var error = await Assert.ThrowsAsync<MongoCommandException>(() => log.Client.GetDatabase(fixture.Database.DatabaseNamespace.DatabaseName)
            .RunCommandAsync<BsonDocument>(session, GetMore(id, collection.CollectionNamespace.CollectionName, 10)));
        Assert.Equal(CursorNotFound, error.Code);
    }

    [Fact]
    public async Task KillCursors_OpenAndUnknownIds_ReportsEachInItsList()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(fixture.Client, 20);
        using IClientSessionHandle session = await fixture.Client.StartSessionAsync();
        string name = collection.CollectionNamespace.CollectionName;
        BsonDocument find = await fixture.Database.RunCommandAsync<BsonDocument>(session, new BsonDocument { { "find", name }, { "batchSize", 2 } });
        long id = find["cursor"]["id"].ToInt64();
        const long Unknown = 987_654_321_123L;

        BsonDocument reply = await fixture.Database.RunCommandAsync<BsonDocument>(session, new BsonDocument
        {
            { "killCursors", name }, { "cursors", new BsonArray { id, Unknown } },
        });

        Assert.Equal([id], reply["cursorsKilled"].AsBsonArray.Select(v => v.ToInt64()));
        Assert.Equal([Unknown], reply["cursorsNotFound"].AsBsonArray.Select(v => v.ToInt64()));
        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(session, GetMore(id, name, 2)));
        Assert.Equal(CursorNotFound, error.Code);
    }

    [Fact]
    public async Task GetMore_UnknownCursorId_FailsWithCursorNotFound()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(fixture.Client, 1);

        var error = await Assert.ThrowsAsync<MongoCommandException>(() =>
            fixture.Database.RunCommandAsync<BsonDocument>(GetMore(424_242_424_242L, collection.CollectionNamespace.CollectionName, 10)));

        Assert.Equal(CursorNotFound, error.Code);
    }

    [Fact]
    public async Task GetMore_OnAnotherCollection_FailsWithUnauthorized()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(fixture.Client, 20);
        using IClientSessionHandle session = await fixture.Client.StartSessionAsync();
        string name = collection.CollectionNamespace.CollectionName;
        BsonDocument find = await fixture.Database.RunCommandAsync<BsonDocument>(session, new BsonDocument { { "find", name }, { "batchSize", 5 } });
        long id = find["cursor"]["id"].ToInt64();

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(session, GetMore(id, name + "_other", 5)));

        Assert.Equal(Unauthorized, error.Code);
        Assert.Contains("namespace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_DocumentsTotallingMoreThan16MiB_AreSplitIntoBatchesBySize()
    {
        using CommandLog log = await CommandLog.CreateAsync();
        IMongoCollection<BsonDocument> collection = log.Client.GetDatabase(fixture.Database.DatabaseNamespace.DatabaseName).GetCollection<BsonDocument>("big_" + Guid.NewGuid().ToString("N")[..8]);
        string payload = new('x', (1024 * 1024) - 30); // about 1 MiB of BSON each, so 16 of them come to 16 MiB
        for (int i = 0; i < 40; i++)
        {
            await collection.InsertOneAsync(new BsonDocument { { "_id", i }, { "p", payload } });
        }

        List<BsonDocument> all = await collection.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();

        Assert.Equal(Enumerable.Range(0, 40), all.Select(d => d["_id"].AsInt32).Order());
        Assert.InRange(log.Replies("find").Single()["cursor"]["firstBatch"].AsBsonArray.Count, 1, 16);
        Assert.NotEmpty(log.Started("getMore"));
    }

    [Fact]
    public async Task ListCollections_SmallBatchSize_PagesThroughEveryCollection()
    {
        IMongoDatabase database = fixture.Client.GetDatabase("zdm_test_lc_" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            string[] names = Enumerable.Range(0, 7).Select(i => "c" + i).ToArray();
            foreach (string name in names)
            {
                await database.CreateCollectionAsync(name);
            }

            List<BsonDocument> listed = await (await database.ListCollectionsAsync(new ListCollectionsOptions { BatchSize = 2 })).ToListAsync();

            Assert.Equal(names, listed.Select(c => c["name"].AsString).Order());
        }
        finally
        {
            await fixture.Client.DropDatabaseAsync(database.DatabaseNamespace.DatabaseName);
        }
    }

    private static BsonDocument GetMore(long id, string collection, int batchSize) => new()
    {
        { "getMore", id }, { "collection", collection }, { "batchSize", batchSize },
    };

    private async Task<IMongoCollection<BsonDocument>> SeedAsync(IMongoClient client, int count)
    {
        IMongoCollection<BsonDocument> collection = client.GetDatabase(fixture.Database.DatabaseNamespace.DatabaseName)
            .GetCollection<BsonDocument>("cur_" + Guid.NewGuid().ToString("N")[..8]);
        await collection.InsertManyAsync(Enumerable.Range(0, count).Select(i => new BsonDocument { { "_id", i }, { "v", i % 7 } }));
        return collection;
    }
}
