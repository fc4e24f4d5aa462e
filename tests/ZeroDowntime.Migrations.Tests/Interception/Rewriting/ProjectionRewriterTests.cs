using MongoDB.Bson;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Tests.Interception.Rewriting;

public sealed class ProjectionRewriterTests
{
    private static readonly ActiveMigration Active = TestMigration.Rename().In(MigrationPhase.DualWrite);

    [Theory]
    [InlineData("{displayName: 1}", "{displayName: 1, fullName: 1}")]
    [InlineData("{displayName: 0, age: 0}", "{displayName: 0, age: 0, fullName: 0}")]
    [InlineData("{'displayName.first': 1}", "{'displayName.first': 1, 'fullName.first': 1}")]
    [InlineData("{displayName: {first: 1}}", "{'displayName.first': 1, 'fullName.first': 1}")]
    [InlineData("{displayName: {$slice: 2}}", "{displayName: {$slice: 2}, fullName: {$slice: 2}}")]
    [InlineData("{name: '$displayName', _id: 0}",
        "{name: {$cond: [{$eq: [{$type: '$displayName'}, 'missing']}, '$fullName', '$displayName']}, _id: 0}")]
    public void Rewrite_Rename_MirrorsOntoOldField(string projection, string expected)
    {
        Assert.Equal(BsonDocument.Parse(expected), ProjectionRewriter.Rewrite(BsonDocument.Parse(projection), [Active]));
    }

    [Fact]
    public void Rewrite_AncestorOfNewField_AlsoIncludesOldField()
    {
        TestMigration nested = TestMigration.Rename("name", "profile.displayName");

        Assert.Equal(
            BsonDocument.Parse("{profile: 1, name: 1}"),
            ProjectionRewriter.Rewrite(BsonDocument.Parse("{profile: 1}"), [nested.In(MigrationPhase.Backfill)]));
    }

    [Fact]
    public void Rewrite_ProjectionNotTouchingField_IsUnchanged()
    {
        var projection = BsonDocument.Parse("{age: 1}");

        Assert.Same(projection, ProjectionRewriter.Rewrite(projection, [Active]));
    }

    [Fact]
    public void Rewrite_FromSwitchReadOn_IsUnchanged()
    {
        var projection = BsonDocument.Parse("{displayName: 1}");

        Assert.Same(projection, ProjectionRewriter.Rewrite(projection, [TestMigration.Rename().In(MigrationPhase.SwitchRead)]));
    }

    [Fact]
    public void Rewrite_ConvertWithoutExpression_IncludesOldForClientSideCoalescing()
    {
        Assert.Equal(
            BsonDocument.Parse("{age: 1, ageText: 1}"),
            ProjectionRewriter.Rewrite(BsonDocument.Parse("{age: 1}"), [TestMigration.ParseInt().In(MigrationPhase.DualWrite)]));
    }

    [Theory]
    [InlineData("{'cents.x': 1}", "projection of 'cents.x'")]
    [InlineData("{cents: {$elemMatch: {$gt: 1}}}", "$elemMatch")]
    public void Rewrite_PartOfConvertedField_Refuses(string projection, string op)
    {
        var e = Assert.Throws<MigrationNotSupportedException>(() =>
            ProjectionRewriter.Rewrite(BsonDocument.Parse(projection), [TestMigration.Cents().In(MigrationPhase.DualWrite)]));

        Assert.Equal(op, e.Operation);
    }

    [Theory]
    [InlineData("{'displayName.$': 1}")]
    [InlineData("{fullName: 1}")]
    public void Rewrite_PositionalOrOldField_Refuses(string projection)
    {
        var e = Assert.Throws<MigrationNotSupportedException>(() => ProjectionRewriter.Rewrite(BsonDocument.Parse(projection), [Active]));

        Assert.Equal("rename-displayName", e.MigrationId);
    }
}
