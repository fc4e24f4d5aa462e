using HangfireBackfill;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Tests.Samples;

public sealed class HangfireBackfillDemoTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task RunAsync_BackfillThroughHangfire_ConvertsEveryDocumentAndSwitchesReads()
    {
        (long converted, long succeeded) = await HangfireBackfillDemo.RunAsync(fixture.Database, customers: 2_500, TextWriter.Null);

        IMongoCollection<BsonDocument> customers = fixture.Database.GetCollection<BsonDocument>("customers");
        Assert.Equal(2_500, converted);
        Assert.Equal(1, succeeded);
        Assert.Equal(0, await customers.CountDocumentsAsync(new BsonDocument("displayName", new BsonDocument("$exists", false))));
        Assert.Equal(2_500, await customers.CountDocumentsAsync(new BsonDocument("$expr", new BsonDocument("$eq", new BsonArray { "$displayName", "$fullName" }))));
        BsonDocument state = await fixture.Database.GetCollection<BsonDocument>("_zdm_migrations").Find(new BsonDocument("_id", HangfireBackfillDemo.MigrationId)).SingleAsync();
        Assert.Equal("SwitchRead", state["phase"].AsString);
    }
}
