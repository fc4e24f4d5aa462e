using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Commands;

/// <summary>findAndModify through the driver's FindOneAnd* methods (needs the filter, update, sort and projection engines).</summary>
public sealed class FindAndModifyCommandTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const int DuplicateKey = 11000;

    private static FilterDefinitionBuilder<BsonDocument> Filter => Builders<BsonDocument>.Filter;

    private static UpdateDefinitionBuilder<BsonDocument> Update => Builders<BsonDocument>.Update;

    [Fact]
    public async Task FindOneAndUpdate_ReturnBefore_ReturnsTheOriginalAndStoresTheUpdate()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync();

        BsonDocument? returned = await collection.FindOneAndUpdateAsync(Filter.Eq("_id", 2), Update.Inc("n", 5),
            new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.Before });

        Assert.Equal(20, returned!["n"].ToInt32());
        Assert.Equal(25, (await GetAsync(collection, 2))["n"].ToInt32());
    }

    [Fact]
    public async Task FindOneAndUpdate_ReturnAfter_ReturnsTheUpdatedDocument()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync();

        BsonDocument? returned = await collection.FindOneAndUpdateAsync(Filter.Eq("_id", 2), Update.Set("name", "renamed"),
            new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.After });

        Assert.Equal("renamed", returned!["name"].AsString);
        Assert.Equal(2, returned["_id"].AsInt32);
    }

    [Fact]
    public async Task FindOneAndUpdate_NoMatch_ReturnsNullAndChangesNothing()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync();

        BsonDocument? returned = await collection.FindOneAndUpdateAsync(Filter.Eq("_id", 99), Update.Set("name", "x"));

        Assert.Null(returned);
        Assert.Equal(3, await collection.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task FindOneAndUpdate_UpsertWithoutMatch_InsertsTheDocumentSeededFromTheFilter()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync();

        BsonDocument? returned = await collection.FindOneAndUpdateAsync(Filter.Eq("_id", 7) & Filter.Eq("kind", "new"), Update.Set("n", 70),
            new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After });

        Assert.Equal(BsonDocument.Parse("{_id: 7, kind: 'new', n: 70}"), returned);
        Assert.Equal(returned, await GetAsync(collection, 7));
    }

    [Fact]
    public async Task FindOneAndUpdate_UpsertReturningBefore_ReturnsNullButInserts()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync();

        BsonDocument? returned = await collection.FindOneAndUpdateAsync(Filter.Eq("_id", 8), Update.Set("n", 80),
            new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.Before });

        Assert.Null(returned);
        Assert.Equal(80, (await GetAsync(collection, 8))["n"].ToInt32());
    }

    [Fact]
    public async Task FindOneAndUpdate_UpsertOnMissingCollection_CreatesIt()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>("fam");

        await collection.FindOneAndUpdateAsync(Filter.Eq("_id", 1), Update.Set("n", 1), new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true });

        Assert.Contains(collection.CollectionNamespace.CollectionName, await (await fixture.Database.ListCollectionNamesAsync()).ToListAsync());
        Assert.Equal(1, await collection.EstimatedDocumentCountAsync());
    }

    [Theory]
    [InlineData(1, 1)] // ascending n: the smallest
    [InlineData(-1, 3)] // descending n: the largest
    public async Task FindOneAndUpdate_Sort_PicksTheFirstDocumentInSortOrder(int direction, int expectedId)
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync();

        BsonDocument? returned = await collection.FindOneAndUpdateAsync(Filter.Empty, Update.Set("picked", true), new FindOneAndUpdateOptions<BsonDocument>
        {
            Sort = new BsonDocument("n", direction), ReturnDocument = ReturnDocument.After,
        });

        Assert.Equal(expectedId, returned!["_id"].AsInt32);
        Assert.Equal([expectedId], (await collection.Find(Filter.Eq("picked", true)).ToListAsync()).Select(d => d["_id"].AsInt32));
    }

    [Fact]
    public async Task FindOneAndUpdate_Projection_ShapesOnlyTheReturnedDocument()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync();

        BsonDocument? returned = await collection.FindOneAndUpdateAsync(Filter.Eq("_id", 1), Update.Inc("n", 1), new FindOneAndUpdateOptions<BsonDocument>
        {
            Projection = Builders<BsonDocument>.Projection.Include("n").Exclude("_id"), ReturnDocument = ReturnDocument.After,
        });

        Assert.Equal(new BsonDocument("n", 11), returned);
        Assert.Equal(BsonDocument.Parse("{_id: 1, name: 'a', n: 11}"), await GetAsync(collection, 1));
    }

    [Fact]
    public async Task FindOneAndReplace_Match_ReplacesTheDocumentKeepingItsId()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync();

        BsonDocument? returned = await collection.FindOneAndReplaceAsync(Filter.Eq("name", "b"), new BsonDocument("name", "bee"),
            new FindOneAndReplaceOptions<BsonDocument> { ReturnDocument = ReturnDocument.After });

        Assert.Equal(BsonDocument.Parse("{_id: 2, name: 'bee'}"), returned);
        Assert.Equal(returned, await GetAsync(collection, 2));
    }

    [Fact]
    public async Task FindOneAndDelete_Match_RemovesAndReturnsTheDocument()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync();

        BsonDocument? removed = await collection.FindOneAndDeleteAsync(Filter.Eq("name", "c"));
        BsonDocument? none = await collection.FindOneAndDeleteAsync(Filter.Eq("name", "c"));

        Assert.Equal(BsonDocument.Parse("{_id: 3, name: 'c', n: 30}"), removed);
        Assert.Null(none);
        Assert.Equal([1, 2], (await collection.Find(Filter.Empty).ToListAsync()).Select(d => d["_id"].AsInt32).Order());
    }

    [Fact]
    public async Task FindOneAndDelete_Sort_RemovesTheFirstInSortOrder()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync();

        BsonDocument? removed = await collection.FindOneAndDeleteAsync(Filter.Empty, new FindOneAndDeleteOptions<BsonDocument> { Sort = new BsonDocument("n", -1) });

        Assert.Equal(3, removed!["_id"].AsInt32);
    }

    [Fact]
    public async Task FindOneAndUpdate_UniqueKeyViolation_FailsWithDuplicateKeyAndKeepsTheDocument()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync();
        await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("name"), new CreateIndexOptions { Unique = true }));

        var error = await Assert.ThrowsAnyAsync<MongoCommandException>(() => collection.FindOneAndUpdateAsync(Filter.Eq("_id", 1), Update.Set("name", "b")));

        Assert.Equal(DuplicateKey, error.Code);
        Assert.Equal(new BsonDocument("name", "b"), error.Result["keyValue"].AsBsonDocument);
        Assert.Equal("a", (await GetAsync(collection, 1))["name"].AsString);
    }

    private static async Task<BsonDocument> GetAsync(IMongoCollection<BsonDocument> collection, int id) =>
        await collection.Find(Filter.Eq("_id", id)).SingleAsync();

    private async Task<IMongoCollection<BsonDocument>> SeedAsync()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>("fam");
        await collection.InsertManyAsync(
        [
            BsonDocument.Parse("{_id: 1, name: 'a', n: 10}"),
            BsonDocument.Parse("{_id: 2, name: 'b', n: 20}"),
            BsonDocument.Parse("{_id: 3, name: 'c', n: 30}"),
        ]);
        return collection;
    }
}
