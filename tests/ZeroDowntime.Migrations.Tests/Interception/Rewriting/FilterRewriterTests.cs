using MongoDB.Bson;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Tests.Interception.Rewriting;

public sealed class FilterRewriterTests
{
    private static readonly TestMigration Rename = TestMigration.Rename();

    [Theory]
    [InlineData(MigrationPhase.SwitchRead)]
    [InlineData(MigrationPhase.Completed)]
    public void Rewrite_FromSwitchReadOn_ReturnsFilterUnchanged(MigrationPhase phase)
    {
        var filter = BsonDocument.Parse("{displayName: 'a'}");

        Assert.Same(filter, FilterRewriter.Rewrite(filter, [Rename.In(phase)]));
    }

    [Theory]
    [InlineData("{displayName: 'a'}", "'a'")]
    [InlineData("{displayName: null}", "null")]
    [InlineData("{displayName: {$exists: false}}", "{$exists: false}")]
    [InlineData("{displayName: {$ne: 'a'}}", "{$ne: 'a'}")]
    [InlineData("{displayName: {$nin: ['a', null]}}", "{$nin: ['a', null]}")]
    [InlineData("{displayName: {$not: {$regex: '^a'}}}", "{$not: {$regex: '^a'}}")]
    [InlineData("{displayName: {$elemMatch: {$gt: 1}}}", "{$elemMatch: {$gt: 1}}")]
    [InlineData("{displayName: {$size: 2, $all: ['a']}}", "{$size: 2, $all: ['a']}")]
    [InlineData("{displayName: {$type: 'string'}}", "{$type: 'string'}")]
    public void Rewrite_RenamePredicate_CoalescesWithSameConditionOnOld(string filter, string condition)
    {
        BsonDocument result = FilterRewriter.Rewrite(BsonDocument.Parse(filter), [Rename.In(MigrationPhase.DualWrite)]);

        Assert.Equal(BsonDocument.Parse($$$"""
            {$or: [
              {$and: [{displayName: {$exists: true}}, {displayName: {{{condition}}}}]},
              {$and: [{displayName: {$exists: false}}, {fullName: {{{condition}}}}]}]}
            """), result);
    }

    [Fact]
    public void Rewrite_RenameSubPath_GuardsOnWholeNewFieldAndMapsPath()
    {
        BsonDocument result = FilterRewriter.Rewrite(BsonDocument.Parse("{'displayName.first': 'a'}"), [Rename.In(MigrationPhase.Backfill)]);

        Assert.Equal(BsonDocument.Parse("""
            {$or: [
              {$and: [{displayName: {$exists: true}}, {'displayName.first': 'a'}]},
              {$and: [{displayName: {$exists: false}}, {'fullName.first': 'a'}]}]}
            """), result);
    }

    [Fact]
    public void Rewrite_OtherFields_StayInPlaceAndRewrittenPredicateJoinsAnd()
    {
        BsonDocument result = FilterRewriter.Rewrite(
            BsonDocument.Parse("{tenant: 1, $or: [{a: 1}, {b: 1}], displayName: 'x'}"), [Rename.In(MigrationPhase.DualWrite)]);

        Assert.Equal(1, result["tenant"].AsInt32);
        Assert.Equal(BsonDocument.Parse("{$or: [{a: 1}, {b: 1}]}")["$or"], result["$or"]);
        Assert.Single(result["$and"].AsBsonArray);
        Assert.Equal("$or", result["$and"][0].AsBsonDocument.GetElement(0).Name);
    }

    [Fact]
    public void Rewrite_PredicatesInsideLogicalOperators_AreRewritten()
    {
        BsonDocument result = FilterRewriter.Rewrite(
            BsonDocument.Parse("{$nor: [{displayName: 'a'}], $and: [{$or: [{displayName: 'b'}, {age: 3}]}]}"), [Rename.In(MigrationPhase.DualWrite)]);

        Assert.Equal(BsonDocument.Parse("""
            {$or: [{$and: [{displayName: {$exists: true}}, {displayName: 'a'}]}, {$and: [{displayName: {$exists: false}}, {fullName: 'a'}]}]}
            """), result["$nor"][0]);
        Assert.Equal(new BsonInt32(3), result["$and"][0]["$or"][1]["age"]);
        Assert.Equal("fullName", result["$and"][0]["$or"][0]["$or"][1]["$and"][1].AsBsonDocument.GetElement(0).Name);
    }

    [Fact]
    public void Rewrite_ExprReferencingNewField_UsesCoalesceExpression()
    {
        BsonDocument result = FilterRewriter.Rewrite(
            BsonDocument.Parse("{$expr: {$eq: ['$displayName', '$nick']}}"), [Rename.In(MigrationPhase.DualWrite)]);

        Assert.Equal(BsonDocument.Parse("""
            {$expr: {$eq: [{$cond: [{$eq: [{$type: '$displayName'}, 'missing']}, '$fullName', '$displayName']}, '$nick']}}
            """), result);
    }

    [Fact]
    public void Rewrite_ConvertEqualityWithExpression_UsesExprWithQuerySemantics()
    {
        BsonDocument result = FilterRewriter.Rewrite(BsonDocument.Parse("{cents: 150}"), [TestMigration.Cents().In(MigrationPhase.DualWrite)]);

        BsonValue oldBranch = result["$or"][1]["$and"];
        Assert.Equal(BsonDocument.Parse("{cents: {$exists: false}}"), oldBranch[0]);
        Assert.Equal(BsonDocument.Parse("{price: {$exists: true}}"), oldBranch[1]);
        BsonDocument let = oldBranch[2]["$expr"]["$let"].AsBsonDocument;
        Assert.Equal(BsonDocument.Parse("{$cond: [{$in: [{$type: '$price'}, ['double', 'int', 'long', 'decimal']]}, {$multiply: ['$price', 100]}, '$price']}"), let["vars"]["zdmv"]);
        Assert.Equal(BsonDocument.Parse("""
            {$or: [{$eq: ['$$zdmv', {$literal: 150}]}, {$in: [{$literal: 150}, {$cond: [{$isArray: '$$zdmv'}, '$$zdmv', []]}]}]}
            """), let["in"]);
    }

    [Fact]
    public void Rewrite_ConvertEqualsNull_MatchesDocumentsWithNeitherField()
    {
        BsonDocument result = FilterRewriter.Rewrite(BsonDocument.Parse("{cents: null}"), [TestMigration.Cents().In(MigrationPhase.DualWrite)]);

        BsonValue oldBranch = result["$or"][1]["$and"][1];
        Assert.Equal(BsonDocument.Parse("{price: {$exists: false}}"), oldBranch["$or"][0]);
    }

    [Fact]
    public void Rewrite_ConvertComparison_GuardsTypeBracket()
    {
        BsonDocument result = FilterRewriter.Rewrite(BsonDocument.Parse("{cents: {$gt: 5}}"), [TestMigration.Cents().In(MigrationPhase.DualWrite)]);

        string json = result.ToJson();
        Assert.Contains("{ \"$type\" : \"$$zdmv\" }, { \"$literal\" : [\"double\", \"int\", \"long\", \"decimal\"] }", json, StringComparison.Ordinal);
        Assert.Contains("\"$map\" : { \"input\" : { \"$cond\" : [{ \"$isArray\" : \"$$zdmv\" }", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"price\" : { \"$exists\" : false }", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_ConvertExistsTrue_NeedsNoExpression()
    {
        BsonDocument result = FilterRewriter.Rewrite(
            BsonDocument.Parse("{cents: {$exists: true}}"), [TestMigration.Cents(withExpression: false).In(MigrationPhase.DualWrite)]);

        Assert.Equal(BsonDocument.Parse("""
            {$or: [
              {$and: [{cents: {$exists: true}}, {cents: {$exists: true}}]},
              {$and: [{cents: {$exists: false}}, {price: {$exists: true}}]}]}
            """), result);
    }

    [Fact]
    public void Rewrite_ConvertEqualityWithBackwardOnly_MapsValueThroughBackward()
    {
        BsonDocument result = FilterRewriter.Rewrite(
            BsonDocument.Parse("{age: {$in: [42, 7]}}"), [TestMigration.ParseInt().In(MigrationPhase.DualWrite)]);

        Assert.Equal(BsonDocument.Parse("""
            {$or: [
              {$and: [{age: {$exists: true}}, {age: {$in: [42, 7]}}]},
              {$and: [{age: {$exists: false}}, {ageText: {$exists: true}}, {ageText: {$in: ['42', '7']}}]}]}
            """), result);
    }

    [Fact]
    public void Rewrite_ConvertBackwardOutsideImageOfForward_MatchesNoOldValue()
    {
        // backward("x") = "x", and forward("x") = "x" is not an int: no stored ageText converts to the string "x"... except "x" itself.
        BsonDocument result = FilterRewriter.Rewrite(BsonDocument.Parse("{age: {$ne: 42}}"), [TestMigration.ParseInt().In(MigrationPhase.DualWrite)]);

        Assert.Equal(BsonDocument.Parse("{$nor: [{ageText: '42'}]}"), result["$or"][1]["$and"][1]["$or"][1]["$and"][1]);
    }

    [Theory]
    [InlineData("{cents: {$mod: [2, 0]}}", "$mod")]
    [InlineData("{cents: {$elemMatch: {$gt: 1}}}", "$elemMatch")]
    [InlineData("{cents: {$gt: [1]}}", "$gt")]
    [InlineData("{cents: {$gte: null}}", "$gte")]
    [InlineData("{'cents.x': 1}", "$eq")]
    public void Rewrite_ConvertWithoutFaithfulTranslation_Refuses(string filter, string op)
    {
        var e = Assert.Throws<MigrationNotSupportedException>(() =>
            FilterRewriter.Rewrite(BsonDocument.Parse(filter), [TestMigration.Cents().In(MigrationPhase.Backfill)]));

        Assert.Equal("cents-cents", e.MigrationId);
        Assert.Equal(MigrationPhase.Backfill, e.Phase);
        Assert.Contains(op, e.Operation, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_ConvertComparisonWithoutExpression_Refuses()
    {
        var e = Assert.Throws<MigrationNotSupportedException>(() =>
            FilterRewriter.Rewrite(BsonDocument.Parse("{age: {$gt: 3}}"), [TestMigration.ParseInt().In(MigrationPhase.DualWrite)]));

        Assert.Equal("$gt", e.Operation);
        Assert.Contains("forwardExpression", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_DeriveBeforeSwitchRead_Refuses()
    {
        var e = Assert.Throws<MigrationNotSupportedException>(() =>
            FilterRewriter.Rewrite(BsonDocument.Parse("{ownerName: 'bob'}"), [TestMigration.Derive().In(MigrationPhase.DualWrite)]));

        Assert.Equal("derive-owner", e.MigrationId);
        Assert.Equal("$eq", e.Operation);
    }

    [Fact]
    public void Rewrite_DeriveSourceField_IsTheApplicationsAndStays()
    {
        var filter = BsonDocument.Parse("{ownerId: 5}");

        Assert.Equal(filter, FilterRewriter.Rewrite(filter, [TestMigration.Derive().In(MigrationPhase.DualWrite)]));
    }

    [Theory]
    [InlineData("{fullName: 'a'}")]
    [InlineData("{'fullName.first': 'a'}")]
    [InlineData("{$expr: {$eq: ['$fullName', 'a']}}")]
    public void Rewrite_FilterOnOldField_Refuses(string filter)
    {
        var e = Assert.Throws<MigrationNotSupportedException>(() => FilterRewriter.Rewrite(BsonDocument.Parse(filter), [Rename.In(MigrationPhase.DualWrite)]));

        Assert.Contains("old field", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_AncestorOfNewField_Refuses()
    {
        TestMigration nested = TestMigration.Rename("name", "profile.displayName");

        var e = Assert.Throws<MigrationNotSupportedException>(() =>
            FilterRewriter.Rewrite(BsonDocument.Parse("{profile: {displayName: 'a'}}"), [nested.In(MigrationPhase.DualWrite)]));

        Assert.Contains("embedded document", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{$where: 'this.displayName == 1'}", "$where")]
    [InlineData("{$expr: {$eq: ['$$ROOT', 1]}}", "$expr")]
    public void Rewrite_UnanalysableReferences_Refuse(string filter, string op)
    {
        var e = Assert.Throws<MigrationNotSupportedException>(() => FilterRewriter.Rewrite(BsonDocument.Parse(filter), [Rename.In(MigrationPhase.DualWrite)]));

        Assert.Equal(op, e.Operation);
    }

    [Fact]
    public void Rewrite_TwoMigratedPredicates_GoIntoAnd()
    {
        BsonDocument result = FilterRewriter.Rewrite(
            BsonDocument.Parse("{displayName: 'a', cents: {$exists: true}}"),
            [Rename.In(MigrationPhase.DualWrite), TestMigration.Cents().In(MigrationPhase.DualWrite)]);

        Assert.Equal(["$and"], result.Names);
        Assert.Equal(2, result["$and"].AsBsonArray.Count);
    }
}
