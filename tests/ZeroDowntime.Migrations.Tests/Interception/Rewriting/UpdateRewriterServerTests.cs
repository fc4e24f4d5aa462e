using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Tests.Interception.Rewriting;

/// <summary>Rewritten updates run on the server: both fields end up in step.</summary>
public sealed class UpdateRewriterServerTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private static readonly ActiveMigration[] Active = [TestMigration.Rename().In(MigrationPhase.DualWrite)];

    [Fact]
    public void Rewrite_UpsertThatInserts_SeedsBothFieldsFromFilter()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        var filter = BsonDocument.Parse("{displayName: 'bob', tenant: 1}");

        UpdatePlan plan = UpdateRewriter.Rewrite(BsonDocument.Parse("{$set: {age: 3}}"), filter, isUpsert: true, Active);
        collection.UpdateOne(FilterRewriter.Rewrite(filter, Active), plan.Update.AsBsonDocument, new UpdateOptions { IsUpsert = true });

        BsonDocument inserted = collection.Find(FilterDefinition<BsonDocument>.Empty).Single();
        inserted.Remove("_id");
        Assert.Equal(BsonDocument.Parse("{tenant: 1, age: 3, displayName: 'bob', fullName: 'bob'}"), inserted);
    }

    [Fact]
    public void Rewrite_SetOnOldShapeDocument_WritesBothFields()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        collection.InsertOne(BsonDocument.Parse("{_id: 1, fullName: 'ann'}"));

        UpdatePlan plan = UpdateRewriter.Rewrite(BsonDocument.Parse("{$set: {displayName: 'anna'}}"), [], isUpsert: false, Active);
        collection.UpdateOne(new BsonDocument("_id", 1), plan.Update.AsBsonDocument);

        Assert.Equal(BsonDocument.Parse("{_id: 1, fullName: 'anna', displayName: 'anna'}"), collection.Find(FilterDefinition<BsonDocument>.Empty).Single());
    }
}
