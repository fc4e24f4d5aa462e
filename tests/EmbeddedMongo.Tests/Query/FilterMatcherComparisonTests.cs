namespace EmbeddedMongo.Tests.Query;

public sealed class FilterMatcherComparisonTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private static readonly string[] MixedTypes =
    [
        "{ _id: 1, a: 5 }",
        "{ _id: 2, a: '10' }",
        "{ _id: 3, a: true }",
        "{ _id: 4, a: null }",
        "{ _id: 5 }",
        "{ _id: 6, a: { b: 1 } }",
        "{ _id: 7, a: -3 }",
    ];

    [Fact]
    public async Task Find_GreaterThanNumber_NeverMatchesOtherTypes()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $gt: 0 } }", MixedTypes);

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_LessThanOrEqualNumber_MatchesOnlyNumbers()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $lte: 5 } }", MixedTypes);

        Assert.Equal([1, 7], ids);
    }

    [Fact]
    public async Task Find_LessThanString_ComparesOnlyStringsByCodePoint()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $lt: 'b' } }", "{ _id: 1, a: 'apple' }", "{ _id: 2, a: 'banana' }", "{ _id: 3, a: 1 }", "{ _id: 4, a: 'B' }", "{ _id: 5, a: 'b' }");

        Assert.Equal([1, 4], ids);
    }

    [Fact]
    public async Task Find_RangeOnArray_LetsDifferentElementsSatisfyEachBound()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $gt: 3, $lt: 5 } }", "{ _id: 1, a: [1, 6] }", "{ _id: 2, a: [4] }", "{ _id: 3, a: [1, 2] }", "{ _id: 4, a: [6, 7] }", "{ _id: 5, a: 4.5 }");

        Assert.Equal([1, 2, 5], ids);
    }

    [Fact]
    public async Task Find_GreaterThanOrEqualNull_MatchesNullAndMissingOnly()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $gte: null } }", MixedTypes);

        Assert.Equal([4, 5], ids);
    }

    [Fact]
    public async Task Find_LessThanOrEqualNull_MatchesNullAndMissingOnly()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $lte: null } }", MixedTypes);

        Assert.Equal([4, 5], ids);
    }

    [Fact]
    public async Task Find_StrictComparisonWithNull_MatchesNothing()
    {
        int[] greater = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $gt: null } }", MixedTypes);
        int[] less = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $lt: null } }", MixedTypes);

        Assert.Empty(greater);
        Assert.Empty(less);
    }

    [Fact]
    public async Task Find_GreaterThanMinKey_MatchesEveryDocument()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $gt: MinKey } }", MixedTypes);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], ids);
    }

    [Fact]
    public async Task Find_LessThanMaxKey_MatchesEveryDocument()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $lt: MaxKey } }", MixedTypes);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], ids);
    }

    [Fact]
    public async Task Find_LessThanMinKey_MatchesNothing()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $lt: MinKey } }", MixedTypes);

        Assert.Empty(ids);
    }

    [Fact]
    public async Task Find_DateRange_MatchesOnlyDates()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture,
            "{ a: { $gte: ISODate('2024-01-01T00:00:00Z'), $lt: ISODate('2025-01-01T00:00:00Z') } }",
            "{ _id: 1, a: ISODate('2024-06-01T00:00:00Z') }",
            "{ _id: 2, a: ISODate('2025-06-01T00:00:00Z') }",
            "{ _id: 3, a: 1717200000000 }",
            "{ _id: 4, a: '2024-06-01' }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_NaN_EqualsItselfButIsNeitherGreaterNorLess()
    {
        string[] documents = ["{ _id: 1, a: NaN }", "{ _id: 2, a: 1 }", "{ _id: 3, a: -Infinity }"];

        Assert.Equal(new[] { 1 }, await FilterScenario.MatchingIdsAsync(fixture, "{ a: NaN }", documents));
        Assert.Equal(new[] { 1 }, await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $gte: NaN } }", documents));
        Assert.Empty(await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $gt: NaN } }", documents));
        Assert.Equal(new[] { 3 }, await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $lt: 0 } }", documents));
    }

    [Fact]
    public async Task Find_LongBeyondDoublePrecision_ComparesExactly()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $gt: 9007199254740992.0 } }", "{ _id: 1, a: NumberLong('9007199254740993') }", "{ _id: 2, a: NumberLong('9007199254740992') }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_ComparisonWithEmbeddedDocument_ComparesFieldByField()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $gt: { x: 1 } } }", "{ _id: 1, a: { x: 2 } }", "{ _id: 2, a: { x: 0 } }", "{ _id: 3, a: { x: 1, y: 0 } }", "{ _id: 4, a: 5 }");

        Assert.Equal([1, 3], ids);
    }

    [Fact]
    public async Task Find_ModOperator_TruncatesDividendAndMatchesRemainder()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture,
            "{ a: { $mod: [4, 0] } }",
            "{ _id: 1, a: 8 }",
            "{ _id: 2, a: 9 }",
            "{ _id: 3, a: 8.9 }",
            "{ _id: 4, a: '8' }",
            "{ _id: 5, a: NumberLong(-12) }",
            "{ _id: 6, a: [3, 16] }",
            "{ _id: 7 }");

        Assert.Equal([1, 3, 5, 6], ids);
    }
}
