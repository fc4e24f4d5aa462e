namespace EmbeddedMongo.Tests.Query;

public sealed class FilterMatcherArrayTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Find_ElemMatchWithOperators_RequiresOneElementSatisfyingAll()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $elemMatch: { $gt: 3, $lt: 5 } } }", "{ _id: 1, a: [1, 6] }", "{ _id: 2, a: [1, 4] }", "{ _id: 3, a: 4 }", "{ _id: 4, a: [[4]] }");

        Assert.Equal([2], ids);
    }

    [Fact]
    public async Task Find_ElemMatchWithQuery_RequiresOneDocumentSatisfyingAll()
    {
        string[] documents = ["{ _id: 1, a: [{ x: 1, y: 2 }, { x: 2, y: 1 }] }", "{ _id: 2, a: [{ x: 1, y: 1 }] }", "{ _id: 3, a: { x: 1, y: 1 } }"];

        int[] elemMatch = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $elemMatch: { x: 1, y: 1 } } }", documents);
        int[] dotted = await FilterScenario.MatchingIdsAsync(fixture, "{ 'a.x': 1, 'a.y': 1 }", documents);

        Assert.Equal([2], elemMatch);
        Assert.Equal([1, 2, 3], dotted);
    }

    [Fact]
    public async Task Find_ElemMatchWithLogicalOperator_TestsElementsAsDocuments()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $elemMatch: { $or: [{ x: 1 }, { y: 2 }] } } }", "{ _id: 1, a: [{ x: 5 }, { y: 2 }] }", "{ _id: 2, a: [{ x: 5 }, 1] }", "{ _id: 3, a: [1, 2] }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_ElemMatchWithNot_MatchesWhenOneElementFailsTheCondition()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $elemMatch: { $not: { $gt: 5 } } } }", "{ _id: 1, a: [7, 8] }", "{ _id: 2, a: [7, 2] }", "{ _id: 3, a: [] }");

        Assert.Equal([2], ids);
    }

    [Fact]
    public async Task Find_ElemMatchOnDottedPath_AppliesToArraysReachedThroughDocuments()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ 'a.b': { $elemMatch: { $gte: 10 } } }", "{ _id: 1, a: [{ b: [1, 2] }, { b: [3, 11] }] }", "{ _id: 2, a: [{ b: 12 }] }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_SizeOperator_MatchesExactLengthWithoutExpandingNestedArrays()
    {
        string[] documents = ["{ _id: 1, a: [] }", "{ _id: 2, a: [1, 2] }", "{ _id: 3, a: [[1, 2]] }", "{ _id: 4, a: 'ab' }", "{ _id: 5 }"];

        Assert.Equal(new[] { 1 }, await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $size: 0 } }", documents));
        Assert.Equal(new[] { 2 }, await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $size: 2 } }", documents));
        Assert.Equal(new[] { 3 }, await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $size: 1.0 } }", documents));
    }

    [Fact]
    public async Task Find_AllOperator_RequiresEveryListedValue()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $all: [1, 2] } }", "{ _id: 1, a: [3, 2, 1] }", "{ _id: 2, a: [1] }", "{ _id: 3, a: 1 }", "{ _id: 4, a: [[1, 2]] }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_AllWithSingleValue_MatchesScalarField()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $all: [2] } }", "{ _id: 1, a: 2 }", "{ _id: 2, a: [2, 3] }", "{ _id: 3, a: 3 }");

        Assert.Equal([1, 2], ids);
    }

    [Fact]
    public async Task Find_AllWithEmptyList_MatchesNothing()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $all: [] } }", "{ _id: 1, a: [] }", "{ _id: 2, a: [1] }", "{ _id: 3 }");

        Assert.Empty(ids);
    }

    [Fact]
    public async Task Find_AllWithArrayValue_MatchesTheWholeArray()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $all: [['x', 'y']] } }", "{ _id: 1, a: ['x', 'y'] }", "{ _id: 2, a: [['x', 'y'], 'z'] }", "{ _id: 3, a: ['y', 'x'] }");

        Assert.Equal([1, 2], ids);
    }

    [Fact]
    public async Task Find_AllWithElemMatch_RequiresEachConditionOnSomeElement()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture,
            "{ a: { $all: [{ $elemMatch: { x: 1 } }, { $elemMatch: { x: 2 } }] } }",
            "{ _id: 1, a: [{ x: 1 }, { x: 2 }] }",
            "{ _id: 2, a: [{ x: 1 }] }",
            "{ _id: 3, a: [{ x: [1, 2] }] }");

        Assert.Equal([1, 3], ids);
    }

    [Fact]
    public async Task Find_AllWithRegex_MatchesAnElementPerPattern()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $all: [/^a/, /^b/] } }", "{ _id: 1, a: ['apple', 'banana'] }", "{ _id: 2, a: ['apple'] }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_InOperator_MatchesAnyListedValueOrArrayElement()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $in: [1, 9, [7, 8]] } }", "{ _id: 1, a: 1 }", "{ _id: 2, a: [5, 9] }", "{ _id: 3, a: 3 }", "{ _id: 4, a: [7, 8] }", "{ _id: 5 }");

        Assert.Equal([1, 2, 4], ids);
    }

    [Fact]
    public async Task Find_InWithNull_MatchesMissingField()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $in: [null, 2] } }", "{ _id: 1 }", "{ _id: 2, a: 2 }", "{ _id: 3, a: 3 }", "{ _id: 4, a: null }");

        Assert.Equal([1, 2, 4], ids);
    }

    [Fact]
    public async Task Find_InWithRegex_MatchesPatternOrValue()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $in: [/^ab/, 'zz'] } }", "{ _id: 1, a: 'abc' }", "{ _id: 2, a: 'zz' }", "{ _id: 3, a: 'xab' }");

        Assert.Equal([1, 2], ids);
    }

    [Fact]
    public async Task Find_InWithManyValues_UsesNumericEquality()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture,
            "{ a: { $in: [1, 2, 3, 4, 5.0, 6, 7, 8, 9, 10, 'x', { k: 1 }] } }",
            "{ _id: 1, a: NumberLong(5) }",
            "{ _id: 2, a: NumberDecimal('10') }",
            "{ _id: 3, a: 11 }",
            "{ _id: 4, a: { k: 1 } }",
            "{ _id: 5, a: ['y', 'x'] }",
            "{ _id: 6, a: '5' }");

        Assert.Equal([1, 2, 4, 5], ids);
    }

    [Fact]
    public async Task Find_NotInOperator_MatchesMissingAndExcludesArraysContainingAValue()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $nin: [1, 2] } }", "{ _id: 1, a: 1 }", "{ _id: 2, a: 3 }", "{ _id: 3 }", "{ _id: 4, a: [3, 2] }", "{ _id: 5, a: [3, 4] }");

        Assert.Equal([2, 3, 5], ids);
    }
}
