using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Storage;

/// <summary>Unique indexes as the driver sees them: E11000 write errors with <c>keyPattern</c> and <c>keyValue</c>.</summary>
public sealed class IndexDefinitionTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const int DuplicateKey = 11000;

    [Fact]
    public async Task InsertOne_DuplicateOnUniqueField_FailsWithDuplicateKeyWriteError()
    {
        IMongoCollection<BsonDocument> collection = await UniqueAsync("{email: 1}");
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "email", "a@x" } });

        var error = await Assert.ThrowsAsync<MongoWriteException>(() => collection.InsertOneAsync(new BsonDocument { { "_id", 2 }, { "email", "a@x" } }));

        Assert.Equal(ServerErrorCategory.DuplicateKey, error.WriteError.Category);
        Assert.Equal(DuplicateKey, error.WriteError.Code);
        Assert.Contains("E11000", error.WriteError.Message, StringComparison.Ordinal);
        Assert.Contains("email_1", error.WriteError.Message, StringComparison.Ordinal);
        Assert.Equal(1, await collection.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task Insert_DuplicateOnUniqueField_WriteErrorCarriesKeyPatternAndKeyValue()
    {
        IMongoCollection<BsonDocument> collection = await UniqueAsync("{email: 1}");
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "email", "a@x" } });

        BsonDocument writeError = await InsertRawAsync(collection, new BsonDocument { { "_id", 2 }, { "email", "a@x" } });

        Assert.Equal(DuplicateKey, writeError["code"].ToInt32());
        Assert.Equal(new BsonDocument("email", 1), writeError["keyPattern"].AsBsonDocument);
        Assert.Equal(new BsonDocument("email", "a@x"), writeError["keyValue"].AsBsonDocument);
    }

    [Fact]
    public async Task Insert_DuplicateId_WriteErrorNamesTheIdIndex()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertOneAsync(new BsonDocument("_id", 5));

        BsonDocument writeError = await InsertRawAsync(collection, new BsonDocument("_id", 5));

        Assert.Equal(DuplicateKey, writeError["code"].ToInt32());
        Assert.Equal(new BsonDocument("_id", 1), writeError["keyPattern"].AsBsonDocument);
        Assert.Equal(new BsonDocument("_id", 5), writeError["keyValue"].AsBsonDocument);
        Assert.Contains("_id_", writeError["errmsg"].AsString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insert_CompoundUniqueIndex_RefusesOnlyTheSameCombination()
    {
        IMongoCollection<BsonDocument> collection = await UniqueAsync("{tenant: 1, code: 1}");
        await collection.InsertManyAsync(
        [
            new BsonDocument { { "_id", 1 }, { "tenant", "t1" }, { "code", "a" } },
            new BsonDocument { { "_id", 2 }, { "tenant", "t1" }, { "code", "b" } },
            new BsonDocument { { "_id", 3 }, { "tenant", "t2" }, { "code", "a" } },
        ]);

        BsonDocument writeError = await InsertRawAsync(collection, new BsonDocument { { "_id", 4 }, { "tenant", "t2" }, { "code", "a" } });

        Assert.Equal(DuplicateKey, writeError["code"].ToInt32());
        Assert.Equal(BsonDocument.Parse("{tenant: 1, code: 1}"), writeError["keyPattern"].AsBsonDocument);
        Assert.Equal(BsonDocument.Parse("{tenant: 't2', code: 'a'}"), writeError["keyValue"].AsBsonDocument);
        Assert.Equal(3, await collection.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task Insert_NumericKeysOfDifferentTypes_AreTheSameKey()
    {
        IMongoCollection<BsonDocument> collection = await UniqueAsync("{n: 1}");
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "n", 1 } });

        var error = await Assert.ThrowsAsync<MongoWriteException>(() => collection.InsertOneAsync(new BsonDocument { { "_id", 2 }, { "n", 1.0 } }));

        Assert.Equal(DuplicateKey, error.WriteError.Code);
    }

    [Fact]
    public async Task CreateIndexes_UniqueOverExistingDuplicates_FailsAndLeavesNoIndex()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertManyAsync([new BsonDocument { { "_id", 1 }, { "a", 7 } }, new BsonDocument { { "_id", 2 }, { "a", 7 } }]);

        var error = await Assert.ThrowsAsync<MongoCommandException>(() => collection.Indexes.CreateOneAsync(
            new CreateIndexModel<BsonDocument>(Builders<BsonDocument>.IndexKeys.Ascending("a"), new CreateIndexOptions { Unique = true })));

        Assert.Equal(DuplicateKey, error.Code);
        Assert.Equal(new BsonDocument("a", 1), error.Result["keyPattern"].AsBsonDocument);
        Assert.Equal(new BsonDocument("a", 7), error.Result["keyValue"].AsBsonDocument);
        Assert.Equal(["_id_"], (await (await collection.Indexes.ListAsync()).ToListAsync()).Select(i => i["name"].AsString));
        await collection.InsertOneAsync(new BsonDocument { { "_id", 3 }, { "a", 7 } }); // no half-built index refuses it
    }

    [Fact]
    public async Task Insert_SparseUniqueIndex_AllowsManyDocumentsMissingTheField()
    {
        IMongoCollection<BsonDocument> collection = await UniqueAsync("{code: 1}", sparse: true);

        await collection.InsertManyAsync(Enumerable.Range(1, 5).Select(i => new BsonDocument("_id", i)));
        await collection.InsertOneAsync(new BsonDocument { { "_id", 10 }, { "code", "x" } });
        var error = await Assert.ThrowsAsync<MongoWriteException>(() => collection.InsertOneAsync(new BsonDocument { { "_id", 11 }, { "code", "x" } }));

        Assert.Equal(DuplicateKey, error.WriteError.Code);
        Assert.Equal(6, await collection.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task Insert_NonSparseUniqueIndex_TreatsMissingAsNull()
    {
        IMongoCollection<BsonDocument> collection = await UniqueAsync("{code: 1}");
        await collection.InsertOneAsync(new BsonDocument("_id", 1));

        BsonDocument writeError = await InsertRawAsync(collection, new BsonDocument { { "_id", 2 }, { "code", BsonNull.Value } });

        Assert.Equal(DuplicateKey, writeError["code"].ToInt32());
        Assert.Equal(new BsonDocument("code", BsonNull.Value), writeError["keyValue"].AsBsonDocument);
    }

    [Fact]
    public async Task Insert_MultikeyUniqueIndex_RefusesASharedElementButNotRepeatsWithinOneDocument()
    {
        IMongoCollection<BsonDocument> collection = await UniqueAsync("{tags: 1}");
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "tags", new BsonArray { "x", "y", "y" } } });

        var error = await Assert.ThrowsAsync<MongoWriteException>(() => collection.InsertOneAsync(new BsonDocument { { "_id", 2 }, { "tags", new BsonArray { "z", "y" } } }));
        await collection.InsertOneAsync(new BsonDocument { { "_id", 3 }, { "tags", new BsonArray { "z" } } }); // the failed insert left no "z" key

        Assert.Equal(DuplicateKey, error.WriteError.Code);
        Assert.Equal(2, await collection.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task DeleteMany_ThenInsert_FreesTheUniqueKeys()
    {
        IMongoCollection<BsonDocument> collection = await UniqueAsync("{email: 1}");
        await collection.InsertManyAsync([new BsonDocument { { "_id", 1 }, { "email", "a" } }, new BsonDocument { { "_id", 2 }, { "email", "b" } }]);

        DeleteResult deleted = await collection.DeleteManyAsync(FilterDefinition<BsonDocument>.Empty);
        await collection.InsertManyAsync([new BsonDocument { { "_id", 3 }, { "email", "a" } }, new BsonDocument { { "_id", 4 }, { "email", "b" } }]);

        Assert.Equal(2, deleted.DeletedCount);
        Assert.Equal(2, await collection.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task DropIndexes_UniqueIndexDropped_DuplicatesAreAcceptedAgain()
    {
        IMongoCollection<BsonDocument> collection = await UniqueAsync("{email: 1}");
        await collection.InsertOneAsync(new BsonDocument { { "_id", 1 }, { "email", "a" } });

        await collection.Indexes.DropOneAsync("email_1");
        await collection.InsertOneAsync(new BsonDocument { { "_id", 2 }, { "email", "a" } });

        Assert.Equal(2, await collection.EstimatedDocumentCountAsync());
    }

    private async Task<IMongoCollection<BsonDocument>> UniqueAsync(string keys, bool sparse = false)
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>("uq");
        await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(
            new BsonDocumentIndexKeysDefinition<BsonDocument>(BsonDocument.Parse(keys)), new CreateIndexOptions { Unique = true, Sparse = sparse }));
        return collection;
    }

    /// <summary>Inserts through a raw command, whose reply keeps the write error's <c>keyPattern</c>/<c>keyValue</c> the driver drops.</summary>
    private async Task<BsonDocument> InsertRawAsync(IMongoCollection<BsonDocument> collection, BsonDocument document)
    {
        BsonDocument reply = await fixture.Database.RunCommandAsync<BsonDocument>(new BsonDocument
        {
            { "insert", collection.CollectionNamespace.CollectionName }, { "documents", new BsonArray { document } },
        });
        Assert.Equal(0, reply["n"].ToInt32());
        return reply["writeErrors"].AsBsonArray.Single().AsBsonDocument;
    }
}
