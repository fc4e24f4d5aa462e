using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Commands;

public sealed class CatalogCommandsTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const int NamespaceExists = 48;
    private const int InvalidNamespace = 73;

    [Fact]
    public async Task Create_NewCollection_IsListedWithTypeOptionsAndIdIndex()
    {
        string name = NewName();

        await fixture.Database.CreateCollectionAsync(name);

        BsonDocument entry = await ListOneAsync(fixture.Database, name);
        Assert.Equal("collection", entry["type"].AsString);
        Assert.Equal(new BsonDocument(), entry["options"].AsBsonDocument);
        Assert.False(entry["info"]["readOnly"].AsBoolean);
        Assert.Equal(new BsonDocument("_id", 1), entry["idIndex"]["key"].AsBsonDocument);
        Assert.Equal("_id_", entry["idIndex"]["name"].AsString);
    }

    [Fact]
    public async Task Create_ExistingCollectionWithSameOptions_Succeeds()
    {
        string name = NewName();
        await fixture.Database.CreateCollectionAsync(name);

        // MongoDB 7.0 made create idempotent when the options are identical.
        BsonDocument reply = await fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument("create", name));

        Assert.Equal(1.0, reply["ok"].ToDouble());
    }

    [Fact]
    public async Task Create_ExistingCollectionWithOtherOptions_FailsWithNamespaceExists()
    {
        string name = NewName();
        await fixture.Database.CreateCollectionAsync(name);

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(
            new BsonDocument { { "create", name }, { "validationLevel", "moderate" } }));

        Assert.Equal(NamespaceExists, error.Code);
    }

    [Fact]
    public async Task Create_CollectionCreatedImplicitlyByInsert_FailsOnlyWhenOptionsDiffer()
    {
        string name = NewName();
        await fixture.Database.GetCollection<BsonDocument>(name).InsertOneAsync(new BsonDocument("_id", 1));

        BsonDocument same = await fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument("create", name));
        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(
            new BsonDocument { { "create", name }, { "validationLevel", "moderate" } }));

        Assert.Equal(1.0, same["ok"].ToDouble());
        Assert.Equal(NamespaceExists, error.Code);
        Assert.Equal(1, await fixture.Database.GetCollection<BsonDocument>(name).EstimatedDocumentCountAsync());
    }

    [Theory]
    [InlineData("bad$name")]
    [InlineData("")]
    public async Task Create_InvalidName_FailsWithInvalidNamespace(string name)
    {
        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument("create", name)));

        Assert.Equal(InvalidNamespace, error.Code);
    }

    [Fact]
    public async Task Drop_ExistingCollection_RemovesItAndItsDocumentsOnly()
    {
        string dropped = NewName(), kept = NewName();
        await fixture.Database.GetCollection<BsonDocument>(dropped).InsertManyAsync([new BsonDocument("_id", 1), new BsonDocument("_id", 2)]);
        await fixture.Database.GetCollection<BsonDocument>(kept).InsertOneAsync(new BsonDocument("_id", 1));

        await fixture.Database.DropCollectionAsync(dropped);

        List<string> names = await (await fixture.Database.ListCollectionNamesAsync()).ToListAsync();
        Assert.DoesNotContain(dropped, names);
        Assert.Contains(kept, names);
        Assert.Equal(0, await fixture.Database.GetCollection<BsonDocument>(dropped).EstimatedDocumentCountAsync());
        Assert.Equal(1, await fixture.Database.GetCollection<BsonDocument>(kept).EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task Drop_ThenRecreate_StartsEmptyWithOnlyTheIdIndex()
    {
        string name = NewName();
        IMongoCollection<BsonDocument> collection = fixture.Database.GetCollection<BsonDocument>(name);
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "a", 1 } });
        await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("a"), new CreateIndexOptions { Unique = true }));

        await fixture.Database.DropCollectionAsync(name);
        await collection.InsertOneAsync(new BsonDocument { { "_id", 2 }, { "a", 1 } });
        await collection.InsertOneAsync(new BsonDocument { { "_id", 3 }, { "a", 1 } }); // the unique index went with the drop

        List<BsonDocument> indexes = await (await collection.Indexes.ListAsync()).ToListAsync();
        Assert.Equal(["_id_"], indexes.Select(i => i["name"].AsString));
        Assert.Equal(2, await collection.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task Drop_MissingCollection_SucceedsAndChangesNothing()
    {
        string kept = NewName();
        await fixture.Database.GetCollection<BsonDocument>(kept).InsertOneAsync(new BsonDocument("_id", 1));

        await fixture.Database.DropCollectionAsync(NewName());

        Assert.Contains(kept, await (await fixture.Database.ListCollectionNamesAsync()).ToListAsync());
    }

    [Fact]
    public async Task DropDatabase_WithCollections_RemovesTheDatabaseAndEveryCollection()
    {
        string name = "zdm_test_dd_" + Guid.NewGuid().ToString("N")[..8];
        IMongoDatabase database = fixture.Client.GetDatabase(name);
        await database.GetCollection<BsonDocument>("a").InsertOneAsync(new BsonDocument("_id", 1));
        await database.GetCollection<BsonDocument>("b").InsertOneAsync(new BsonDocument("_id", 1));
        Assert.Contains(name, await (await fixture.Client.ListDatabaseNamesAsync()).ToListAsync());

        await fixture.Client.DropDatabaseAsync(name);

        Assert.DoesNotContain(name, await (await fixture.Client.ListDatabaseNamesAsync()).ToListAsync());
        Assert.Empty(await (await database.ListCollectionNamesAsync()).ToListAsync());
        Assert.Equal(0, await database.GetCollection<BsonDocument>("a").EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task ListCollections_NameOnly_ReturnsNameAndTypeOnly()
    {
        string name = NewName();
        await fixture.Database.CreateCollectionAsync(name);

        BsonDocument reply = await fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument { { "listCollections", 1 }, { "nameOnly", true } });

        BsonDocument entry = reply["cursor"]["firstBatch"].AsBsonArray.Select(c => c.AsBsonDocument).Single(c => c["name"] == name);
        Assert.Equal(["name", "type"], entry.Names.Order());
        Assert.Equal($"{fixture.Database.DatabaseNamespace.DatabaseName}.$cmd.listCollections", reply["cursor"]["ns"].AsString);
    }

    [Fact]
    public async Task ListCollectionNames_MissingDatabase_IsEmpty()
    {
        IMongoDatabase missing = fixture.Client.GetDatabase("zdm_test_missing_" + Guid.NewGuid().ToString("N")[..8]);

        List<string> names = await (await missing.ListCollectionNamesAsync()).ToListAsync();

        Assert.Empty(names);
    }

    private static string NewName() => "cat_" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<BsonDocument> ListOneAsync(IMongoDatabase database, string name) =>
        (await (await database.ListCollectionsAsync()).ToListAsync()).Single(c => c["name"] == name);
}
