using MongoDB.Bson;

namespace EmbeddedMongo.Tests.Query;

public sealed class FilterMatcherRegexTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Find_RegexOperator_MatchesOnlyStrings()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, FilterScenario.RegexOperator("a", "^ab"), "{ _id: 1, a: 'abc' }", "{ _id: 2, a: 'xab' }", "{ _id: 3, a: 5 }", "{ _id: 4 }", "{ _id: 5, a: 'ABC' }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_RegexWithCaseInsensitiveOption_IgnoresCase()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, FilterScenario.RegexOperator("a", "^ab", "i"), "{ _id: 1, a: 'abc' }", "{ _id: 2, a: 'ABC' }", "{ _id: 3, a: 'xab' }");

        Assert.Equal([1, 2], ids);
    }

    [Fact]
    public async Task Find_RegexValue_IsAnImplicitRegexMatch()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ a: /B$/i }", "{ _id: 1, a: 'ab' }", "{ _id: 2, a: 'ba' }", "{ _id: 3, a: 'AB' }");

        Assert.Equal([1, 3], ids);
    }

    [Fact]
    public async Task Find_RegexOnArrayOfStrings_MatchesAnyElement()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ tags: /^mongo/ }", "{ _id: 1, tags: ['sql', 'mongodb'] }", "{ _id: 2, tags: ['sql'] }", "{ _id: 3, tags: [1, 'mongo'] }");

        Assert.Equal([1, 3], ids);
    }

    [Fact]
    public async Task Find_RegexMultilineOption_AnchorsAtLineStarts()
    {
        string[] documents = ["{ _id: 1, a: 'first\\nsecond' }"];

        Assert.Empty(await FilterScenario.MatchingIdsAsync(fixture, FilterScenario.RegexOperator("a", "^second"), documents));
        Assert.Equal(new[] { 1 }, await FilterScenario.MatchingIdsAsync(fixture, FilterScenario.RegexOperator("a", "^second", "m"), documents));
    }

    [Fact]
    public async Task Find_RegexDotAllOption_LetsDotMatchNewline()
    {
        string[] documents = ["{ _id: 1, a: 'a\\nb' }"];

        Assert.Empty(await FilterScenario.MatchingIdsAsync(fixture, FilterScenario.RegexOperator("a", "a.b"), documents));
        Assert.Equal(new[] { 1 }, await FilterScenario.MatchingIdsAsync(fixture, FilterScenario.RegexOperator("a", "a.b", "s"), documents));
    }

    [Fact]
    public async Task Find_RegexExtendedOption_IgnoresWhitespaceAndComments()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, FilterScenario.RegexOperator("a", "a b # letters\n c", "x"), "{ _id: 1, a: 'abc' }", "{ _id: 2, a: 'a b c' }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_NotRegex_MatchesNonMatchingValuesAndMissingField()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, "{ a: { $not: /^a/ } }", "{ _id: 1, a: 'abc' }", "{ _id: 2, a: 'bcd' }", "{ _id: 3 }", "{ _id: 4, a: 1 }", "{ _id: 5, a: ['x', 'ay'] }");

        Assert.Equal([2, 3, 4], ids);
    }

    [Fact]
    public async Task Find_NotRegexOperatorDocument_NegatesPatternWithOptions()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, new BsonDocument("a", new BsonDocument("$not", new BsonDocument { { "$regex", "^A" }, { "$options", "i" } })), "{ _id: 1, a: 'abc' }", "{ _id: 2, a: 'bcd' }");

        Assert.Equal([2], ids);
    }

    [Fact]
    public async Task Find_RegexDigitClass_MatchesAsciiDigitsOnly()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, FilterScenario.RegexOperator("a", @"^\d+$"), "{ _id: 1, a: '123' }", "{ _id: 2, a: '\u0661\u0662\u0663' }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_RegexWordClass_MatchesAsciiWordCharactersOnly()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, FilterScenario.RegexOperator("a", @"^\w+$"), "{ _id: 1, a: 'abc_1' }", "{ _id: 2, a: 'caf\u00e9' }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_RegexDotOnCharacterOutsideBmp_MatchesWholeCodePoint()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, FilterScenario.RegexOperator("a", "^.$"), "{ _id: 1, a: '\U0001F600' }", "{ _id: 2, a: 'ab' }", "{ _id: 3, a: 'x' }");

        Assert.Equal([1, 3], ids);
    }

    [Fact]
    public async Task Find_RegexNegatedClassOnCharacterOutsideBmp_MatchesWholeCodePointUnlessExcluded()
    {
        string[] documents = ["{ _id: 1, a: '\U0001F600' }", "{ _id: 2, a: '7' }"];

        Assert.Equal(new[] { 1 }, await FilterScenario.MatchingIdsAsync(fixture, FilterScenario.RegexOperator("a", "^[^0-9]$"), documents));
        Assert.Equal(new[] { 2 }, await FilterScenario.MatchingIdsAsync(fixture, FilterScenario.RegexOperator("a", @"^[^\D]$"), documents));
    }

    [Fact]
    public async Task Find_RegexPosixClass_MatchesCharacterClass()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, FilterScenario.RegexOperator("a", "^[[:alpha:]]+$"), "{ _id: 1, a: 'abc' }", "{ _id: 2, a: 'ab1' }", "{ _id: 3, a: ':a' }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_RegexQuotedSequence_MatchesLiterally()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, FilterScenario.RegexOperator("a", @"^\Qa.b\E$"), "{ _id: 1, a: 'a.b' }", "{ _id: 2, a: 'axb' }");

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_RegexOptionsInsideRegexValue_AreApplied()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(
            fixture, FilterScenario.RegexOperator("a", new BsonRegularExpression("^ab", "i")), "{ _id: 1, a: 'ABc' }", "{ _id: 2, a: 'xab' }");

        Assert.Equal([1], ids);
    }
}
