using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Collection;

namespace ZeroDowntime.Migrations.Tests.Interception.Collection;

/// <summary>Session overloads, re-wrapped collections and forwarded properties.</summary>
public sealed partial class MigratingCollectionTests
{
    [Fact]
    public async Task SessionOverloads_V1Documents_BehaveLikeTheirCounterparts()
    {
        ObjectId id = await InsertV1Async("Ada", score: 1);
        using IClientSessionHandle session = await undecorated.Database.Client.StartSessionAsync();

        User found = await users.Find(session, u => u.DisplayName == "Ada").SingleAsync();
        UpdateResult updated = await users.UpdateOneAsync(session, u => u.DisplayName == "Ada", Builders<User>.Update.Inc(u => u.Points, 2));
        var inserted = new User { DisplayName = "Bob" };
        users.InsertOne(session, inserted);
        List<User> aggregated = users.Aggregate(session).Match(u => u.DisplayName == "Bob").ToList();
        long count = users.CountDocuments(session, u => u.DisplayName == "Ada");
        DeleteResult deleted = await users.DeleteOneAsync(session, u => u.DisplayName == "Bob");

        Assert.Equal(id, found.Id);
        Assert.Equal("Ada", found.DisplayName);
        Assert.Equal(1, updated.ModifiedCount);
        Assert.Equal(3, (await RawAsync(id))["score"]);
        Assert.Equal("Bob", Assert.Single(aggregated).DisplayName);
        Assert.Equal(1, count);
        Assert.Equal(1, deleted.DeletedCount);
    }

    [Fact]
    public async Task WithReadPreferenceAndConcerns_ReturnDecoratedCollections()
    {
        await InsertV1Async("Ada");

        IMongoCollection<User> wrapped = users.WithReadPreference(ReadPreference.Primary).WithReadConcern(ReadConcern.Default).WithWriteConcern(WriteConcern.WMajority);
        await wrapped.InsertOneAsync(new User { DisplayName = "Bob" });

        Assert.IsType<MigratingCollection<User>>(wrapped);
        Assert.Equal(WriteConcern.WMajority, wrapped.Settings.WriteConcern);
        Assert.Equal("Ada", (await wrapped.Find(u => u.DisplayName == "Ada").SingleAsync()).DisplayName);
        Assert.Equal("Bob", (await raw.Find(new BsonDocument("displayName", "Bob")).SingleAsync())["fullName"]);
    }

    [Fact]
    public void Properties_AreTheInnerCollections()
    {
        Assert.Equal(undecorated.CollectionNamespace, users.CollectionNamespace);
        Assert.Same(undecorated.Database, users.Database);
        Assert.Same(undecorated.DocumentSerializer, users.DocumentSerializer);
        Assert.Same(undecorated.Settings.SerializerRegistry, users.Settings.SerializerRegistry);
    }

    [Fact]
    public async Task Indexes_IndexOnNewField_IsCreatedAsAsked()
    {
        await users.Indexes.CreateOneAsync(new CreateIndexModel<User>(Builders<User>.IndexKeys.Ascending(u => u.DisplayName), new CreateIndexOptions { Name = "by_name" }));

        List<BsonDocument> indexes = await (await raw.Indexes.ListAsync()).ToListAsync();

        Assert.Contains(indexes, i => i["name"] == "by_name" && i["key"] == new BsonDocument("displayName", 1));
    }
}
