using MongoDB.Bson;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Tests.Interception.Rewriting;

public sealed class SortRewriterTests
{
    [Theory]
    [InlineData("{displayName: 1}", true)]
    [InlineData("{'displayName.first': -1, _id: 1}", true)]
    [InlineData("{age: 1, _id: -1}", false)]
    [InlineData("{displayNames: 1}", false)]
    public void NeedsCoalescing_BeforeSwitchRead_OnlyForTheNewField(string sort, bool expected)
    {
        Assert.Equal(expected, SortRewriter.NeedsCoalescing(BsonDocument.Parse(sort), [TestMigration.Rename().In(MigrationPhase.DualWrite)]));
    }

    [Fact]
    public void NeedsCoalescing_FromSwitchReadOn_IsFalse()
    {
        Assert.False(SortRewriter.NeedsCoalescing(BsonDocument.Parse("{displayName: 1}"), [TestMigration.Rename().In(MigrationPhase.SwitchRead)]));
    }

    [Fact]
    public void NeedsCoalescing_NotExpressible_RefusesSort()
    {
        var e = Assert.Throws<MigrationNotSupportedException>(() =>
            SortRewriter.NeedsCoalescing(BsonDocument.Parse("{ownerName: 1}"), [TestMigration.Derive().In(MigrationPhase.Backfill)]));

        Assert.Equal("$sort", e.Operation);
        Assert.Equal(MigrationPhase.Backfill, e.Phase);
    }

    [Fact]
    public void NeedsCoalescing_OnOldField_Refuses()
    {
        var e = Assert.Throws<MigrationNotSupportedException>(() =>
            SortRewriter.NeedsCoalescing(BsonDocument.Parse("{fullName: 1}"), [TestMigration.Rename().In(MigrationPhase.DualWrite)]));

        Assert.Equal("$sort", e.Operation);
    }
}
