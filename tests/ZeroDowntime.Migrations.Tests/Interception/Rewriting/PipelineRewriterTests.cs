using MongoDB.Bson;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Tests.Interception.Rewriting;

public sealed class PipelineRewriterTests
{
    private static readonly ActiveMigration Active = TestMigration.Rename().In(MigrationPhase.DualWrite);

    [Fact]
    public void Rewrite_PipelineReadingNewField_PrependsCoalesceStage()
    {
        List<BsonDocument> result = PipelineRewriter.Rewrite([BsonDocument.Parse("{$group: {_id: '$displayName', n: {$sum: 1}}}")], [Active]);

        Assert.Equal(2, result.Count);
        Assert.Equal(CoalesceStage.Create([Active]), result[0]);
    }

    [Theory]
    [InlineData("{$match: {age: 3}}")]
    [InlineData("{$count: 'n'}")]
    public void Rewrite_PipelineNotReadingNewField_IsUnchanged(string stage)
    {
        BsonDocument[] pipeline = [BsonDocument.Parse(stage)];

        Assert.Equal(pipeline, PipelineRewriter.Rewrite(pipeline, [Active]));
    }

    [Fact]
    public void Rewrite_WholeDocumentReference_PrependsCoalesceStage()
    {
        List<BsonDocument> result = PipelineRewriter.Rewrite([BsonDocument.Parse("{$replaceWith: {doc: '$$ROOT'}}")], [Active]);

        Assert.Equal("$set", result[0].GetElement(0).Name);
    }

    [Fact]
    public void Rewrite_FromSwitchReadOn_IsUnchanged()
    {
        BsonDocument[] pipeline = [BsonDocument.Parse("{$sort: {displayName: 1}}")];

        Assert.Equal(pipeline, PipelineRewriter.Rewrite(pipeline, [TestMigration.Rename().In(MigrationPhase.SwitchRead)]));
    }

    [Theory]
    [InlineData("{$geoNear: {near: [0, 0], distanceField: 'd', query: {displayName: 'a'}}}", "$geoNear")]
    [InlineData("{$search: {text: {query: 'a', path: 'displayName'}}}", "$search")]
    [InlineData("{$changeStream: {}}", "$changeStream")]
    public void Rewrite_StageThatMustBeFirst_Refuses(string stage, string op)
    {
        var e = Assert.Throws<MigrationNotSupportedException>(() =>
            PipelineRewriter.Rewrite([BsonDocument.Parse(stage), BsonDocument.Parse("{$match: {displayName: 'a'}}")], [Active]));

        Assert.Equal(op, e.Operation);
        Assert.Equal("rename-displayName", e.MigrationId);
    }

    [Fact]
    public void Rewrite_NotExpressibleMigrationReferenced_Refuses()
    {
        var e = Assert.Throws<MigrationNotSupportedException>(() =>
            PipelineRewriter.Rewrite([BsonDocument.Parse("{$match: {ownerName: 'a'}}")], [TestMigration.Derive().In(MigrationPhase.DualWrite)]));

        Assert.Equal("derive-owner", e.MigrationId);
    }
}
