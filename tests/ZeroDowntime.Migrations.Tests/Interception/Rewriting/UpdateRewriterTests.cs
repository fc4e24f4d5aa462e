using MongoDB.Bson;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Tests.Interception.Rewriting;

public sealed class UpdateRewriterTests
{
    private static readonly TestMigration Rename = TestMigration.Rename();
    private static readonly BsonDocument NoFilter = [];

    private static UpdatePlan Rewrite(string update, MigrationPhase phase = MigrationPhase.DualWrite, TestMigration? migration = null, string filter = "{}", bool upsert = false) =>
        UpdateRewriter.Rewrite(BsonDocument.Parse(update), BsonDocument.Parse(filter), upsert, [(migration ?? Rename).In(phase)]);

    [Theory]
    [InlineData("{$set: {displayName: 'a'}}", "{$set: {displayName: 'a', fullName: 'a'}}")]
    [InlineData("{$unset: {displayName: ''}}", "{$unset: {displayName: '', fullName: ''}}")]
    [InlineData("{$setOnInsert: {displayName: 'a'}}", "{$setOnInsert: {displayName: 'a', fullName: 'a'}}")]
    [InlineData("{$currentDate: {displayName: true}}", "{$currentDate: {displayName: true, fullName: true}}")]
    [InlineData("{$set: {'displayName.first': 'a', age: 3}}", "{$set: {'displayName.first': 'a', age: 3, 'fullName.first': 'a'}}")]
    [InlineData("{$push: {displayName: {$each: [1], $slice: 3}}}", "{$push: {displayName: {$each: [1], $slice: 3}, fullName: {$each: [1], $slice: 3}}}")]
    [InlineData("{$rename: {displayName: 'alias'}}", "{$rename: {displayName: 'alias'}, $unset: {fullName: ''}}")]
    [InlineData("{$set: {'displayName.$[e]': 1}}", "{$set: {'displayName.$[e]': 1, 'fullName.$[e]': 1}}")]
    public void Rewrite_RenameOperator_MirroredOntoOldField(string update, string expected)
    {
        Assert.Equal(BsonDocument.Parse(expected), Rewrite(update, MigrationPhase.SwitchRead).Update);
    }

    [Theory]
    [InlineData("$inc")]
    [InlineData("$mul")]
    [InlineData("$min")]
    [InlineData("$max")]
    [InlineData("$addToSet")]
    [InlineData("$pull")]
    [InlineData("$pop")]
    public void Rewrite_ValueDependentOperatorBeforeSwitchRead_MaterializesFirst(string op)
    {
        UpdatePlan plan = Rewrite($"{{{op}: {{displayName: 1}}}}", MigrationPhase.Backfill);

        Assert.Equal(BsonDocument.Parse($"{{{op}: {{displayName: 1, fullName: 1}}}}"), plan.Update);
        Assert.Equal([Rename], plan.MaterializeFirst);
    }

    [Theory]
    [InlineData("{$inc: {displayName: 1}}", MigrationPhase.SwitchRead)]
    [InlineData("{$set: {displayName: 1}}", MigrationPhase.DualWrite)]
    [InlineData("{$unset: {'displayName.x': 1}}", MigrationPhase.DualWrite)]
    public void Rewrite_NoMaterializingNeeded_ListsNone(string update, MigrationPhase phase)
    {
        Assert.Empty(Rewrite(update, phase).MaterializeFirst);
    }

    [Fact]
    public void Rewrite_SetOfPartBeforeSwitchRead_MaterializesFirst()
    {
        Assert.Equal([Rename], Rewrite("{$set: {'displayName.first': 'a'}}").MaterializeFirst);
    }

    [Fact]
    public void Rewrite_Completed_PassesThrough()
    {
        var update = BsonDocument.Parse("{$inc: {displayName: 1}}");

        UpdatePlan plan = UpdateRewriter.Rewrite(update, NoFilter, false, [Rename.In(MigrationPhase.Completed)]);

        Assert.Same(update, plan.Update);
        Assert.Empty(plan.MaterializeFirst);
    }

    [Fact]
    public void Rewrite_ConvertSet_WritesOldThroughBackward()
    {
        Assert.Equal(
            BsonDocument.Parse("{$set: {age: 42, ageText: '42'}, $unset: {x: ''}}"),
            Rewrite("{$set: {age: 42}, $unset: {x: ''}}", migration: TestMigration.ParseInt()).Update);
    }

    [Fact]
    public void Rewrite_ConvertUnset_AlsoUnsetsOldSoTheValueDoesNotComeBack()
    {
        Assert.Equal(BsonDocument.Parse("{$unset: {age: '', ageText: ''}}"), Rewrite("{$unset: {age: ''}}", migration: TestMigration.ParseInt()).Update);
    }

    [Theory]
    [InlineData("{$inc: {age: 1}}", "$inc")]
    [InlineData("{$currentDate: {age: true}}", "$currentDate")]
    [InlineData("{$set: {'age.x': 1}}", "$set")]
    public void Rewrite_ConvertOperatorNotMirrorable_Refuses(string update, string op)
    {
        var e = Assert.Throws<MigrationNotSupportedException>(() => Rewrite(update, MigrationPhase.SwitchRead, TestMigration.ParseInt()));

        Assert.Equal("parse-age", e.MigrationId);
        Assert.Equal(MigrationPhase.SwitchRead, e.Phase);
        Assert.Equal(op, e.Operation);
    }

    [Fact]
    public void Rewrite_ConvertSetWithoutBackward_Refuses()
    {
        var e = Assert.Throws<MigrationNotSupportedException>(() => Rewrite("{$set: {age: 1}}", migration: TestMigration.ParseInt(withBackward: false)));

        Assert.Contains("backward", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{$set: {displayName: 'a', fullName: 'b'}}", "$set")]
    [InlineData("{$set: {displayName: 'a'}, $unset: {fullName: ''}}", "$unset")]
    [InlineData("{$rename: {alias: 'displayName'}}", "$rename")]
    [InlineData("{$rename: {alias: 'fullName'}}", "$rename")]
    [InlineData("{$set: {'displayName.$': 1}}", "$set")]
    [InlineData("{$inc: {displayName: 1}, $set: {'fullName.x': 1}}", "$set")]
    public void Rewrite_Conflicts_Refuse(string update, string op)
    {
        var e = Assert.Throws<MigrationNotSupportedException>(() => Rewrite(update));

        Assert.Equal(op, e.Operation);
    }

    [Fact]
    public void Rewrite_UpsertWithEqualityOnNewField_SeedsBothFields()
    {
        UpdatePlan plan = Rewrite("{$set: {age: 3}}", filter: "{displayName: 'bob', tenant: 1}", upsert: true);

        Assert.Equal(BsonDocument.Parse("{$set: {age: 3}, $setOnInsert: {displayName: 'bob', fullName: 'bob'}}"), plan.Update);
    }

    [Fact]
    public void Rewrite_UpsertInSwitchRead_SeedsOnlyOldField()
    {
        UpdatePlan plan = Rewrite("{$set: {age: 3}}", MigrationPhase.SwitchRead, filter: "{$and: [{displayName: {$eq: 'bob'}}]}", upsert: true);

        Assert.Equal(BsonDocument.Parse("{$set: {age: 3}, $setOnInsert: {fullName: 'bob'}}"), plan.Update);
    }

    [Fact]
    public void Rewrite_UpsertThatSetsNewField_DoesNotSeedFromFilter()
    {
        UpdatePlan plan = Rewrite("{$set: {displayName: 'x'}}", filter: "{displayName: 'bob'}", upsert: true);

        Assert.Equal(BsonDocument.Parse("{$set: {displayName: 'x', fullName: 'x'}}"), plan.Update);
    }

    [Fact]
    public void Rewrite_UpsertWithEqualityAndIncOnNewField_Refuses()
    {
        var e = Assert.Throws<MigrationNotSupportedException>(() => Rewrite("{$inc: {displayName: 1}}", filter: "{displayName: 5}", upsert: true));

        Assert.Equal("$inc", e.Operation);
    }

    [Fact]
    public void Rewrite_SetOfEmbeddedDocumentContainingNewField_CarriesOldFieldAlong()
    {
        TestMigration nested = TestMigration.Rename("profile.name", "profile.displayName");

        UpdatePlan plan = Rewrite("{$set: {profile: {displayName: 'a', age: 1}}}", migration: nested);

        Assert.Equal(BsonDocument.Parse("{$set: {profile: {displayName: 'a', age: 1, name: 'a'}}}"), plan.Update);
    }

    [Fact]
    public void Rewrite_SetOfEmbeddedDocumentWithoutNewField_UnsetsOldField()
    {
        TestMigration nested = TestMigration.Rename("name", "profile.displayName");

        Assert.Equal(BsonDocument.Parse("{$set: {profile: {age: 1}}, $unset: {name: ''}}"), Rewrite("{$set: {profile: {age: 1}}}", migration: nested).Update);
    }

    [Fact]
    public void Rewrite_Replacement_IsRejectedAsArgument()
    {
        Assert.Throws<ArgumentException>(() => Rewrite("{displayName: 'a'}"));
    }

    [Fact]
    public void Rewrite_Pipeline_AssignsBothFieldsAndReadsCoalescedValue()
    {
        var pipeline = BsonArray.Create(new[] { BsonDocument.Parse("{$set: {displayName: {$toUpper: '$displayName'}}}") });

        UpdatePlan plan = UpdateRewriter.Rewrite(pipeline, NoFilter, false, [Rename.In(MigrationPhase.DualWrite)]);

        BsonValue coalesced = CoalesceStage.Expression(Rename);
        Assert.Equal(
            new BsonArray { new BsonDocument("$set", new BsonDocument { { "displayName", new BsonDocument("$toUpper", coalesced) }, { "fullName", new BsonDocument("$toUpper", coalesced) } }) },
            plan.Update);
        Assert.Empty(plan.MaterializeFirst);
    }

    [Fact]
    public void Rewrite_PipelineInSwitchRead_MirrorsWithoutCoalescing()
    {
        var pipeline = new BsonArray { BsonDocument.Parse("{$set: {displayName: '$nick'}}"), BsonDocument.Parse("{$unset: 'displayName.x'}") };

        UpdatePlan plan = UpdateRewriter.Rewrite(pipeline, NoFilter, false, [Rename.In(MigrationPhase.SwitchRead)]);

        Assert.Equal(
            new BsonArray { BsonDocument.Parse("{$set: {displayName: '$nick', fullName: '$nick'}}"), BsonDocument.Parse("{$unset: ['displayName.x', 'fullName.x']}") },
            plan.Update);
    }

    [Fact]
    public void Rewrite_PipelineObjectLiteralMergesIntoNewField_MaterializesFirst()
    {
        var pipeline = new BsonArray { BsonDocument.Parse("{$set: {displayName: {first: 'a'}}}") };

        UpdatePlan plan = UpdateRewriter.Rewrite(pipeline, NoFilter, false, [Rename.In(MigrationPhase.DualWrite)]);

        Assert.Equal(new BsonArray { BsonDocument.Parse("{$set: {'displayName.first': 'a', 'fullName.first': 'a'}}") }, plan.Update);
        Assert.Equal([Rename], plan.MaterializeFirst);
    }

    [Fact]
    public void Rewrite_PipelineConvertConstant_WritesOldThroughBackward()
    {
        var pipeline = new BsonArray { BsonDocument.Parse("{$set: {age: 7}}") };

        UpdatePlan plan = UpdateRewriter.Rewrite(pipeline, NoFilter, false, [TestMigration.ParseInt().In(MigrationPhase.Backfill)]);

        Assert.Equal(new BsonArray { BsonDocument.Parse("{$set: {age: 7, ageText: {$literal: '7'}}}") }, plan.Update);
    }

    [Theory]
    [InlineData("{$set: {age: {$add: ['$age', 1]}}}", "$set")]
    [InlineData("{$replaceWith: {$mergeObjects: ['$$ROOT', {a: 1}]}}", "$replaceWith")]
    [InlineData("{$project: {age: 1}}", "$project")]
    public void Rewrite_PipelineNotMirrorable_Refuses(string stage, string op)
    {
        var pipeline = new BsonArray { BsonDocument.Parse(stage) };

        var e = Assert.Throws<MigrationNotSupportedException>(() =>
            UpdateRewriter.Rewrite(pipeline, NoFilter, false, [TestMigration.ParseInt().In(MigrationPhase.SwitchRead)]));

        Assert.Equal(op, e.Operation);
    }

    [Fact]
    public void Rewrite_PipelineUpsertWithEqualityOnNewField_Refuses()
    {
        var pipeline = new BsonArray { BsonDocument.Parse("{$set: {age: 1}}") };

        var e = Assert.Throws<MigrationNotSupportedException>(() =>
            UpdateRewriter.Rewrite(pipeline, BsonDocument.Parse("{displayName: 'a'}"), true, [Rename.In(MigrationPhase.DualWrite)]));

        Assert.Contains("pipeline upsert", e.Message, StringComparison.Ordinal);
    }
}
