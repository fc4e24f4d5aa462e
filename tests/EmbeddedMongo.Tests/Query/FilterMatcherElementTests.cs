namespace EmbeddedMongo.Tests.Query;

public sealed class FilterMatcherElementTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private static readonly string[] Presence = ["{ _id: 1, a: null }", "{ _id: 2 }", "{ _id: 3, a: 0 }", "{ _id: 4, a: [] }", "{ _id: 5, a: false }"];

    private static readonly string[] Typed =
    [
        "{ _id: 1, a: 'x' }",
        "{ _id: 2, a: 1 }",
        "{ _id: 3, a: NumberLong(1) }",
        "{ _id: 4, a: 1.5 }",
        "{ _id: 5, a: ['x'] }",
        "{ _id: 6, a: [] }",
        "{ _id: 7, a: null }",
        "{ _id: 8 }",
        "{ _id: 9, a: { b: 1 } }",
        "{ _id: 10, a: NumberDecimal('2.5') }",
        "{ _id: 11, a: [[1]] }",
    ];

    [Fact]
    public async Task Find_ExistsTrue_MatchesPresentFieldsIncludingNull()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $exists: true } }", Presence);

        Assert.Equal([1, 3, 4, 5], ids);
    }

    [Fact]
    public async Task Find_ExistsFalse_MatchesOnlyMissingField()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $exists: false } }", Presence);

        Assert.Equal([2], ids);
    }

    [Fact]
    public async Task Find_ExistsWithNumbers_UsesTruthiness()
    {
        Assert.Equal(new[] { 1, 3, 4, 5 }, await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $exists: 1 } }", Presence));
        Assert.Equal(new[] { 2 }, await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $exists: 0 } }", Presence));
    }

    [Fact]
    public async Task Find_TypeAlias_MatchesValuesAndArrayElementsOfThatType()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $type: 'string' } }", Typed);

        Assert.Equal([1, 5], ids);
    }

    [Fact]
    public async Task Find_TypeNumber_MatchesEveryNumericType()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $type: 'number' } }", Typed);

        Assert.Equal([2, 3, 4, 10], ids);
    }

    [Fact]
    public async Task Find_TypeArray_MatchesFieldThatIsAnArrayEvenEmpty()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $type: 'array' } }", Typed);

        Assert.Equal([5, 6, 11], ids);
    }

    [Fact]
    public async Task Find_TypeNumericCode_MatchesLikeAlias()
    {
        Assert.Equal(new[] { 1, 5 }, await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $type: 2 } }", Typed));
        Assert.Equal(new[] { 3 }, await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $type: 18 } }", Typed));
    }

    [Fact]
    public async Task Find_TypeList_MatchesAnyListedType()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $type: ['object', 'decimal', 16] } }", Typed);

        Assert.Equal([2, 9, 10], ids);
    }

    [Fact]
    public async Task Find_TypeNull_MatchesNullButNotMissing()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: { $type: 'null' } }", Typed);

        Assert.Equal([7], ids);
    }
}
