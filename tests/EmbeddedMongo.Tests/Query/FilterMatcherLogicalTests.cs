namespace EmbeddedMongo.Tests.Query;

public sealed class FilterMatcherLogicalTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private static readonly string[] Documents =
    [
        "{ _id: 1, a: 1, b: 'x' }",
        "{ _id: 2, a: 2, b: 'y' }",
        "{ _id: 3, a: 3 }",
        "{ _id: 4, b: 'x' }",
        "{ _id: 5, a: [1, 7] }",
    ];

    [Fact]
    public async Task Find_OrOperator_MatchesAnyClause()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ $or: [{ a: 2 }, { b: 'x' }] }", Documents);

        Assert.Equal([1, 2, 4], ids);
    }

    [Fact]
    public async Task Find_AndOperatorOnArrayField_LetsEachClauseMatchADifferentElement()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ $and: [{ a: { $gte: 2 } }, { a: { $lte: 3 } }] }", Documents);

        Assert.Equal([2, 3, 5], ids);
    }

    [Fact]
    public async Task Find_NorOperator_MatchesDocumentsFailingEveryClauseIncludingMissingFields()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ $nor: [{ a: 1 }, { b: 'y' }] }", Documents);

        Assert.Equal([3, 4], ids);
    }

    [Fact]
    public async Task Find_NestedLogicalOperators_CombineAsWritten()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ $and: [{ $or: [{ a: 1 }, { a: 3 }] }, { $nor: [{ b: 'x' }] }] }", Documents);

        Assert.Equal([3, 5], ids);
    }

    [Fact]
    public async Task Find_LogicalOperatorBesideFields_IsAndedWithThem()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ b: 'x', $or: [{ a: 1 }, { a: { $exists: false } }] }", Documents);

        Assert.Equal([1, 4], ids);
    }

    [Fact]
    public async Task Find_NotOperator_MatchesMissingFieldAndOtherTypes()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $not: { $gt: 5 } } }", "{ _id: 1, a: 3 }", "{ _id: 2, a: 7 }", "{ _id: 3 }", "{ _id: 4, a: 'x' }", "{ _id: 5, a: [1, 7] }");

        Assert.Equal([1, 3, 4], ids);
    }

    [Fact]
    public async Task Find_NotWithSeveralOperators_NegatesTheirConjunction()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $not: { $gte: 2, $lte: 4 } } }", "{ _id: 1, a: 1 }", "{ _id: 2, a: 3 }", "{ _id: 3, a: 5 }", "{ _id: 4, a: [1, 5] }");

        Assert.Equal([1, 3], ids);
    }

    [Fact]
    public async Task Find_CommentOperator_IsIgnored()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: 2, $comment: 'why this query' }", Documents);

        Assert.Equal([2], ids);
    }
}
