namespace EmbeddedMongo.Tests.Query;

public sealed class FilterMatcherPathTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Find_DottedPathIntoEmbeddedDocument_MatchesNestedField()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ 'a.b.c': 1 }", "{ _id: 1, a: { b: { c: 1 } } }", "{ _id: 2, a: { b: { c: 2 } } }", "{ _id: 3, a: { c: 1 } }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_DottedPathThroughArrayOfDocuments_MatchesAnyElement()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ 'a.b': 2 }", "{ _id: 1, a: [{ b: 1 }, { b: 2 }] }", "{ _id: 2, a: [{ b: 3 }] }", "{ _id: 3, a: [{ b: [5, 2] }] }");

        Assert.Equal([1, 3], ids);
    }

    [Fact]
    public async Task Find_DottedPathThroughNestedArrays_DescendsDocumentsOnly()
    {
        // Arrays directly inside arrays are not descended by a field name.
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ 'a.b': 1 }", "{ _id: 1, a: [[{ b: 1 }]] }", "{ _id: 2, a: [{ b: 1 }] }");

        Assert.Equal([2], ids);
    }

    [Fact]
    public async Task Find_DeepPathThroughSeveralArrays_MatchesAnyLeaf()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ 'a.b.c': 2 }", "{ _id: 1, a: [{ b: [{ c: 1 }, { c: 2 }] }] }", "{ _id: 2, a: [{ b: [{ c: 1 }] }] }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_NumericPathComponent_IndexesArrays()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ 'a.0': 5 }", "{ _id: 1, a: [5, 6] }", "{ _id: 2, a: [6, 5] }", "{ _id: 3, a: [] }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_NumericPathComponent_AlsoMatchesFieldNamedByTheNumber()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture,
            "{ 'a.0': 5 }",
            "{ _id: 1, a: { '0': 5 } }",
            "{ _id: 2, a: [{ '0': 5 }] }",
            "{ _id: 3, a: [7, { '0': 5 }] }",
            "{ _id: 4, a: { '1': 5 } }");

        Assert.Equal([1, 2, 3], ids);
    }

    [Fact]
    public async Task Find_NumericPathComponentThenField_IndexesArrayOfDocuments()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ 'a.1.b': 2 }", "{ _id: 1, a: [{ b: 1 }, { b: 2 }] }", "{ _id: 2, a: [{ b: 2 }, { b: 1 }] }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_IndexedElementThatIsAnArray_IsComparedWhole()
    {
        string[] documents = ["{ _id: 1, a: [[1, 2], 3] }"];

        Assert.Empty(await FilterScenario.MatchingIdsAsync(fixture, "{ 'a.0': 1 }", documents));
        Assert.Equal(new[] { 1 }, await FilterScenario.MatchingIdsAsync(fixture, "{ 'a.0': [1, 2] }", documents));
        Assert.Equal(new[] { 1 }, await FilterScenario.MatchingIdsAsync(fixture, "{ 'a.0.1': 2 }", documents));
    }

    [Fact]
    public async Task Find_NullOnDottedPath_MatchesWhenAnyArrayElementLacksTheField()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture,
            "{ 'a.b': null }",
            "{ _id: 1, a: [{ b: 1 }, { c: 2 }] }",
            "{ _id: 2, a: [{ b: 1 }] }",
            "{ _id: 3, a: [{ b: null }] }",
            "{ _id: 4, a: 5 }",
            "{ _id: 5 }",
            "{ _id: 6, a: [1, 2] }");

        Assert.Equal([1, 3, 4, 5], ids);
    }

    [Fact]
    public async Task Find_ExistsOnDottedPathThroughScalar_TreatsFieldAsMissing()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ 'a.b': { $exists: false } }", "{ _id: 1, a: 5 }", "{ _id: 2, a: { b: 0 } }", "{ _id: 3, a: [{ b: 0 }, 4] }", "{ _id: 4, a: [1] }");

        Assert.Equal([1, 4], ids);
    }

    [Fact]
    public async Task Find_ArrayIndexBeyondLength_IsMissing()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ 'a.2': { $exists: false } }", "{ _id: 1, a: [1, 2] }", "{ _id: 2, a: [1, 2, 3] }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_ComparisonOnDottedPathThroughArray_MatchesAnyLeafValue()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ 'a.b': { $gt: 4 } }", "{ _id: 1, a: [{ b: 1 }, { b: 5 }] }", "{ _id: 2, a: [{ b: 1 }, { b: 'z' }] }", "{ _id: 3, a: { b: [2, 9] } }");

        Assert.Equal([1, 3], ids);
    }
}
