using MongoDB.Bson;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Tests.Interception.Rewriting;

public sealed class CoalesceStageTests
{
    [Fact]
    public void Expression_Rename_PicksNewWhenPresentElseOld()
    {
        Assert.Equal(
            BsonDocument.Parse("{$cond: [{$eq: [{$type: '$displayName'}, 'missing']}, '$fullName', '$displayName']}"),
            CoalesceStage.Expression(TestMigration.Rename()));
    }

    [Fact]
    public void Expression_Convert_BindsOldAndKeepsMissingOldMissing()
    {
        Assert.Equal(
            BsonDocument.Parse("""
                {$cond: [{$eq: [{$type: '$cents'}, 'missing']},
                  {$cond: [{$eq: [{$type: '$price'}, 'missing']}, '$$REMOVE',
                    {$cond: [{$in: [{$type: '$price'}, ['double', 'int', 'long', 'decimal']]}, {$multiply: ['$price', 100]}, '$price']}]},
                  '$cents']}
                """),
            CoalesceStage.Expression(TestMigration.Cents()));
    }

    [Fact]
    public void Create_OnlyMigrationsBeforeSwitchRead_AreCoalesced()
    {
        BsonDocument? stage = CoalesceStage.Create(
            [TestMigration.Rename().In(MigrationPhase.Backfill), TestMigration.Cents().In(MigrationPhase.SwitchRead)]);

        Assert.Equal(["displayName"], stage!["$set"].AsBsonDocument.Names);
    }

    [Fact]
    public void Create_NoMigrationBeforeSwitchRead_ReturnsNull()
    {
        Assert.Null(CoalesceStage.Create([TestMigration.Rename().In(MigrationPhase.Completed)]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Create_NotExpressible_RefusesNamingMigration(bool derive)
    {
        TestMigration migration = derive ? TestMigration.Derive() : TestMigration.Cents(withExpression: false);

        var e = Assert.Throws<MigrationNotSupportedException>(() => CoalesceStage.Create([migration.In(MigrationPhase.DualWrite)]));

        Assert.Equal(migration.Id, e.MigrationId);
        Assert.Equal(MigrationPhase.DualWrite, e.Phase);
        Assert.Throws<InvalidOperationException>(() => CoalesceStage.Expression(migration));
    }
}
