using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Commands;

public sealed class IndexCommandsTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const int NamespaceNotFound = 26;
    private const int IndexNotFound = 27;
    private const int InvalidOptions = 72;
    private const int IndexOptionsConflict = 85;
    private const int IndexKeySpecsConflict = 86;
    private const int DuplicateKey = 11000;

    [Fact]
    public async Task CreateIndexes_AscendingAndCompound_AreListedWithKeyAndName()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionAsync();

        string single = await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("a")));
        string compound = await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(
            Builders<BsonDocument>.IndexKeys.Ascending("b").Descending("c"), new CreateIndexOptions { Name = "b_c", Sparse = true }));

        List<BsonDocument> indexes = await ListAsync(collection);
        Assert.Equal("a_1", single);
        Assert.Equal("b_c", compound);
        Assert.Equal(["_id_", "a_1", "b_c"], indexes.Select(i => i["name"].AsString));
        Assert.Equal(BsonDocument.Parse("{b: 1, c: -1}"), indexes[2]["key"].AsBsonDocument);
        Assert.True(indexes[2]["sparse"].ToBoolean());
        Assert.Equal(2, indexes[2]["v"].ToInt32());
    }

    [Fact]
    public async Task CreateIndexes_OnMissingCollection_CreatesTheCollection()
    {
        string name = "idx_" + Guid.NewGuid().ToString("N")[..8];

        BsonDocument reply = await fixture.Database.RunCommandAsync<BsonDocument>(Command(name, "{key: {a: 1}, name: 'a_1'}"));

        Assert.True(reply["createdCollectionAutomatically"].AsBoolean);
        Assert.Equal(1, reply["numIndexesBefore"].ToInt32());
        Assert.Equal(2, reply["numIndexesAfter"].ToInt32());
        Assert.Contains(name, await (await fixture.Database.ListCollectionNamesAsync()).ToListAsync());
    }

    [Fact]
    public async Task CreateIndexes_SameSpecificationTwice_ReportsAllIndexesAlreadyExist()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionAsync();
        string name = collection.CollectionNamespace.CollectionName;
        await fixture.Database.RunCommandAsync<BsonDocument>(Command(name, "{key: {a: 1}, name: 'a_1', unique: true}"));

        BsonDocument reply = await fixture.Database.RunCommandAsync<BsonDocument>(Command(name, "{key: {a: 1}, name: 'a_1', unique: true}"));

        Assert.Equal("all indexes already exist", reply["note"].AsString);
        Assert.Equal(2, reply["numIndexesBefore"].ToInt32());
        Assert.Equal(2, reply["numIndexesAfter"].ToInt32());
    }

    [Fact]
    public async Task CreateIndexes_SameKeyUnderAnotherName_FailsWithIndexOptionsConflict()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionAsync();
        string name = collection.CollectionNamespace.CollectionName;
        await fixture.Database.RunCommandAsync<BsonDocument>(Command(name, "{key: {a: 1}, name: 'a_1'}"));

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(Command(name, "{key: {a: 1}, name: 'other'}")));

        Assert.Equal(IndexOptionsConflict, error.Code);
    }

    [Fact]
    public async Task CreateIndexes_SameNameOtherKey_FailsWithIndexKeySpecsConflict()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionAsync();
        string name = collection.CollectionNamespace.CollectionName;
        await fixture.Database.RunCommandAsync<BsonDocument>(Command(name, "{key: {a: 1}, name: 'shared'}"));

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(Command(name, "{key: {b: 1}, name: 'shared'}")));

        Assert.Equal(IndexKeySpecsConflict, error.Code);
    }

    [Theory]
    [InlineData("{key: {a: 1}, name: 'a_1', unique: true}")]
    [InlineData("{key: {a: 1}, name: 'a_1', sparse: true}")]
    [InlineData("{key: {a: 1}, name: 'a_1', partialFilterExpression: {a: {$exists: true}}}")]
    public async Task CreateIndexes_SameNameAndKeyOtherSignature_FailsWithIndexKeySpecsConflict(string specification)
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionAsync();
        string name = collection.CollectionNamespace.CollectionName;
        await fixture.Database.RunCommandAsync<BsonDocument>(Command(name, "{key: {a: 1}, name: 'a_1'}"));

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(Command(name, specification)));

        Assert.Equal(IndexKeySpecsConflict, error.Code);
        Assert.Equal(["_id_", "a_1"], (await ListAsync(collection)).Select(i => i["name"].AsString));
    }

    [Fact]
    public async Task CreateIndexes_SameNameAndSignatureOtherTtl_FailsWithIndexOptionsConflict()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionAsync();
        string name = collection.CollectionNamespace.CollectionName;
        await fixture.Database.RunCommandAsync<BsonDocument>(Command(name, "{key: {at: 1}, name: 'at_1', expireAfterSeconds: 3600}"));

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(Command(name, "{key: {at: 1}, name: 'at_1', expireAfterSeconds: 60}")));

        Assert.Equal(IndexOptionsConflict, error.Code);
        Assert.Equal(3600, (await ListAsync(collection))[1]["expireAfterSeconds"].ToInt32());
    }

    [Fact]
    public async Task CreateIndexes_SameKeyOtherNameAndUniqueness_CreatesASecondIndexThatIsEnforced()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionAsync();
        string name = collection.CollectionNamespace.CollectionName;
        await fixture.Database.RunCommandAsync<BsonDocument>(Command(name, "{key: {a: 1}, name: 'a_1'}"));

        await fixture.Database.RunCommandAsync<BsonDocument>(Command(name, "{key: {a: 1}, name: 'a_unique', unique: true}"));
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "a", 1 } });
        var error = await Assert.ThrowsAsync<MongoWriteException>(() => collection.InsertOneAsync(new BsonDocument { { "_id", 2 }, { "a", 1 } }));

        Assert.Equal(["_id_", "a_1", "a_unique"], (await ListAsync(collection)).Select(i => i["name"].AsString));
        Assert.Equal(DuplicateKey, error.WriteError.Code);
    }

    [Fact]
    public async Task CreateIndexes_OneOfSeveralFails_CreatesNone()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionAsync();
        await collection.InsertManyAsync([new BsonDocument { { "_id", 1 }, { "a", 5 } }, new BsonDocument { { "_id", 2 }, { "a", 5 } }]);

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument
        {
            { "createIndexes", collection.CollectionNamespace.CollectionName },
            { "indexes", new BsonArray { BsonDocument.Parse("{key: {b: 1}, name: 'b_1'}"), BsonDocument.Parse("{key: {a: 1}, name: 'a_1', unique: true}") } },
        }));

        Assert.Equal(DuplicateKey, error.Code);
        Assert.Equal(["_id_"], (await ListAsync(collection)).Select(i => i["name"].AsString));
    }

    [Fact]
    public async Task CreateIndexes_CompoundOverTwoArraysOfOneDocument_FailsWithCannotIndexParallelArrays()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionAsync();
        await collection.InsertOneAsync(BsonDocument.Parse("{_id: 1, a: [1, 2], b: [3, 4]}"));

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => collection.Indexes.CreateOneAsync(
            new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("a").Ascending("b"))));

        Assert.Equal((171, "CannotIndexParallelArrays"), (error.Code, error.CodeName));
        Assert.Single(await ListAsync(collection));
    }

    [Fact]
    public async Task Insert_TwoArraysUnderACompoundIndex_FailsWithCannotIndexParallelArrays()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionAsync();
        await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("a").Ascending("b")));
        await collection.InsertOneAsync(BsonDocument.Parse("{_id: 1, a: [1, 2], b: 3}")); // one array is fine

        var error = await Assert.ThrowsAsync<MongoWriteException>(() => collection.InsertOneAsync(BsonDocument.Parse("{_id: 2, a: [1, 2], b: [3, 4]}")));

        Assert.Equal(171, error.WriteError.Code);
        Assert.Equal(1, await collection.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task ListIndexes_MissingCollection_FailsWithNamespaceNotFound()
    {
        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(
            new BsonDocument("listIndexes", "idx_missing_" + Guid.NewGuid().ToString("N")[..8])));

        Assert.Equal(NamespaceNotFound, error.Code);
    }

    [Fact]
    public async Task DropIndexes_ByName_DropsOnlyThatIndex()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionWithIndexesAsync();

        await collection.Indexes.DropOneAsync("a_1");

        Assert.Equal(["_id_", "b_-1"], (await ListAsync(collection)).Select(i => i["name"].AsString));
    }

    [Fact]
    public async Task DropIndexes_ByKeyPattern_DropsTheIndexWithThatKey()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionWithIndexesAsync();

        BsonDocument reply = await fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument
        {
            { "dropIndexes", collection.CollectionNamespace.CollectionName }, { "index", new BsonDocument("b", -1) },
        });

        Assert.Equal(3, reply["nIndexesWas"].ToInt32());
        Assert.Equal(["_id_", "a_1"], (await ListAsync(collection)).Select(i => i["name"].AsString));
    }

    [Fact]
    public async Task DropIndexes_KeyPatternOfTwoIndexes_FailsAsAmbiguousUntilNamed()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionAsync();
        string name = collection.CollectionNamespace.CollectionName;
        await fixture.Database.RunCommandAsync<BsonDocument>(Command(name, "{key: {a: 1}, name: 'a_1'}"));
        await fixture.Database.RunCommandAsync<BsonDocument>(Command(name, "{key: {a: 1}, name: 'a_sparse', sparse: true}"));

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(
            new BsonDocument { { "dropIndexes", name }, { "index", new BsonDocument("a", 1) } }));
        await collection.Indexes.DropOneAsync("a_sparse");

        Assert.Equal(181, error.Code); // AmbiguousIndexKeyPattern
        Assert.Equal(["_id_", "a_1"], (await ListAsync(collection)).Select(i => i["name"].AsString));
    }

    [Fact]
    public async Task DropIndexes_Star_DropsAllButTheIdIndex()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionWithIndexesAsync();

        await collection.Indexes.DropAllAsync();

        Assert.Equal(["_id_"], (await ListAsync(collection)).Select(i => i["name"].AsString));
    }

    [Fact]
    public async Task DropIndexes_UnknownName_FailsWithIndexNotFound()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionWithIndexesAsync();

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => collection.Indexes.DropOneAsync("nope_1"));

        Assert.Equal(IndexNotFound, error.Code);
    }

    [Fact]
    public async Task DropIndexes_ListWithAnUnknownName_FailsAndDropsNothing()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionWithIndexesAsync();

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument
        {
            { "dropIndexes", collection.CollectionNamespace.CollectionName }, { "index", new BsonArray { "a_1", "nope_1" } },
        }));

        Assert.Equal(IndexNotFound, error.Code);
        Assert.Equal(["_id_", "a_1", "b_-1"], (await ListAsync(collection)).Select(i => i["name"].AsString));
    }

    [Theory]
    [InlineData("'_id_'")]
    [InlineData("{_id: 1}")]
    public async Task DropIndexes_TheIdIndex_FailsWithInvalidOptions(string index)
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionWithIndexesAsync();

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => fixture.Database.RunCommandAsync<BsonDocument>(
            BsonDocument.Parse($"{{dropIndexes: '{collection.CollectionNamespace.CollectionName}', index: {index}}}")));

        Assert.Equal(InvalidOptions, error.Code);
        Assert.Equal(3, (await ListAsync(collection)).Count);
    }

    private static BsonDocument Command(string collection, string specification) => new()
    {
        { "createIndexes", collection }, { "indexes", new BsonArray { BsonDocument.Parse(specification) } },
    };

    private static async Task<List<BsonDocument>> ListAsync(IMongoCollection<BsonDocument> collection) =>
        await (await collection.Indexes.ListAsync()).ToListAsync();

    private async Task<IMongoCollection<BsonDocument>> NewCollectionAsync()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>("idx");
        await fixture.Database.CreateCollectionAsync(collection.CollectionNamespace.CollectionName);
        return collection;
    }

    private async Task<IMongoCollection<BsonDocument>> NewCollectionWithIndexesAsync()
    {
        IMongoCollection<BsonDocument> collection = await NewCollectionAsync();
        await collection.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("a")),
            new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Descending("b")),
        ]);
        return collection;
    }
}
