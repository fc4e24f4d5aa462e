namespace EmbeddedMongo.Tests.Query;

public sealed class FilterMatcherEqualityTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Find_EmptyFilter_MatchesEveryDocument()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{}", "{ _id: 1 }", "{ _id: 2, a: null }", "{ _id: 3, a: [] }");

        Assert.Equal([1, 2, 3], ids);
    }

    [Fact]
    public async Task Find_ImplicitEquality_MatchesOnlyEqualValueOfSameBracket()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: 5 }", "{ _id: 1, a: 5 }", "{ _id: 2, a: 6 }", "{ _id: 3, a: '5' }", "{ _id: 4, a: true }", "{ _id: 5 }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_EqualityAcrossNumericTypes_MatchesIntLongDoubleAndDecimal()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture,
            "{ a: 5 }",
            "{ _id: 1, a: 5 }",
            "{ _id: 2, a: NumberLong(5) }",
            "{ _id: 3, a: 5.0 }",
            "{ _id: 4, a: NumberDecimal('5.000') }",
            "{ _id: 5, a: 5.5 }");

        Assert.Equal([1, 2, 3, 4], ids);
    }

    [Fact]
    public async Task Find_DecimalEqualityWithInexactDouble_DoesNotMatch()
    {
        // A double holds 0.1 only approximately, so it is not equal to the exact decimal 0.1.
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: NumberDecimal('0.1') }", "{ _id: 1, a: NumberDecimal('0.1') }", "{ _id: 2, a: 0.1 }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_NullEqualityOnMissingField_MatchesDocument()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: null }", "{ _id: 1, a: null }", "{ _id: 2 }", "{ _id: 3, a: 1 }", "{ _id: 4, a: [1, null] }", "{ _id: 5, a: [1, 2] }", "{ _id: 6, a: [] }");

        Assert.Equal([1, 2, 4], ids);
    }

    [Fact]
    public async Task Find_NotEqualNull_MatchesOnlyPresentNonNullValues()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $ne: null } }", "{ _id: 1, a: null }", "{ _id: 2 }", "{ _id: 3, a: 1 }", "{ _id: 4, a: [1, null] }", "{ _id: 5, a: [1, 2] }", "{ _id: 6, a: [] }");

        Assert.Equal([3, 5, 6], ids);
    }

    [Fact]
    public async Task Find_ScalarEqualityOnArrayField_MatchesAnyElement()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: 5 }", "{ _id: 1, a: [1, 5] }", "{ _id: 2, a: [5] }", "{ _id: 3, a: [2, 3] }", "{ _id: 4, a: [[5]] }");

        Assert.Equal([1, 2], ids);
    }

    [Fact]
    public async Task Find_ArrayEquality_MatchesWholeArrayOrNestedArrayElementInOrder()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: [1, 5] }", "{ _id: 1, a: [1, 5] }", "{ _id: 2, a: [5, 1] }", "{ _id: 3, a: [[1, 5], 2] }", "{ _id: 4, a: [1, 5, 6] }", "{ _id: 5, a: 1 }");

        Assert.Equal([1, 3], ids);
    }

    [Fact]
    public async Task Find_EmbeddedDocumentEquality_IsExactAndFieldOrderSensitive()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { x: 1, y: 2 } }", "{ _id: 1, a: { x: 1, y: 2 } }", "{ _id: 2, a: { y: 2, x: 1 } }", "{ _id: 3, a: { x: 1, y: 2, z: 3 } }", "{ _id: 4, a: { x: 1 } }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_ExplicitEq_BehavesLikeImplicitEqualityOnArrays()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $eq: 5 } }", "{ _id: 1, a: [5, 6] }", "{ _id: 2, a: 5 }", "{ _id: 3, a: 6 }");

        Assert.Equal([1, 2], ids);
    }

    [Fact]
    public async Task Find_EqWithRegexOperand_MatchesOnlyAnEqualStoredRegex()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $eq: /ab/ } }", "{ _id: 1, a: /ab/ }", "{ _id: 2, a: 'ab' }", "{ _id: 3, a: /ab/i }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_SeveralFields_AreImplicitlyAnded()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: 1, b: 'x' }", "{ _id: 1, a: 1, b: 'x' }", "{ _id: 2, a: 1, b: 'y' }", "{ _id: 3, a: 2, b: 'x' }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_NotEqualOnArrayField_ExcludesArraysContainingTheValueAndKeepsMissing()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $ne: 1 } }", "{ _id: 1, a: [1, 2] }", "{ _id: 2, a: [3] }", "{ _id: 3 }", "{ _id: 4, a: 1 }");

        Assert.Equal([2, 3], ids);
    }

    [Fact]
    public async Task Find_EqualityOnId_FindsDocumentByItsKey()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ _id: 2 }", "{ _id: 1 }", "{ _id: 2 }", "{ _id: 3 }");

        Assert.Equal([2], ids);
    }
}
