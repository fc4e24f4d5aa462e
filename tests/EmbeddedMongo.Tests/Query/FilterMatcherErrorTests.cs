using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Query;

public sealed class FilterMatcherErrorTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const int BadValue = 2;
    private const int FailedToParse = 9;
    private const int TypeMismatch = 14;
    private const int InvalidRegex = 51091;

    [Theory]
    [InlineData("{ a: { $foo: 1 } }", "unknown operator: $foo")]
    [InlineData("{ a: { $gt: 1, b: 2 } }", "unknown operator: b")]
    [InlineData("{ $foo: 1 }", "unknown top level operator: $foo")]
    [InlineData("{ $not: { a: 1 } }", "unknown top level operator: $not")]
    public async Task Find_UnknownOperator_IsRefusedWithBadValue(string filter, string fragment)
    {
        await FilterScenario.AssertRefusedAsync(fixture, filter, BadValue, fragment);
    }

    [Theory]
    [InlineData("{ $and: [] }")]
    [InlineData("{ $or: [] }")]
    [InlineData("{ $nor: [] }")]
    public async Task Find_EmptyLogicalArray_IsRefused(string filter)
    {
        await FilterScenario.AssertRefusedAsync(fixture, filter, BadValue, "must be a nonempty array");
    }

    [Theory]
    [InlineData("{ $or: { a: 1 } }", "must be an array")]
    [InlineData("{ $and: [1] }", "entries need to be full objects")]
    public async Task Find_MalformedLogicalOperator_IsRefused(string filter, string fragment)
    {
        await FilterScenario.AssertRefusedAsync(fixture, filter, BadValue, fragment);
    }

    [Theory]
    [InlineData("{ a: { $size: 'two' } }", "$size needs a number")]
    [InlineData("{ a: { $size: -1 } }", "$size may not be negative")]
    [InlineData("{ a: { $size: 1.5 } }", "$size must be a whole number")]
    public async Task Find_InvalidSize_IsRefused(string filter, string fragment)
    {
        await FilterScenario.AssertRefusedAsync(fixture, filter, BadValue, fragment);
    }

    [Theory]
    [InlineData("{ a: { $in: 5 } }", "$in needs an array")]
    [InlineData("{ a: { $nin: 5 } }", "$nin needs an array")]
    [InlineData("{ a: { $in: [{ $gt: 1 }] } }", "cannot nest $ under $in")]
    [InlineData("{ a: { $all: 5 } }", "$all needs an array")]
    [InlineData("{ a: { $all: [{ $elemMatch: { b: 1 } }, 5] } }", "$all/$elemMatch has to be consistent")]
    [InlineData("{ a: { $all: [1, { $gt: 2 }] } }", "no $ expressions in $all")]
    [InlineData("{ a: { $elemMatch: 5 } }", "$elemMatch needs an Object")]
    public async Task Find_InvalidArrayOperatorArgument_IsRefused(string filter, string fragment)
    {
        await FilterScenario.AssertRefusedAsync(fixture, filter, BadValue, fragment);
    }

    [Theory]
    [InlineData("{ a: { $not: 5 } }", "$not needs a regex or a document")]
    [InlineData("{ a: { $not: {} } }", "$not cannot be empty")]
    [InlineData("{ a: { $ne: /x/ } }", "Can't have regex as arg to $ne")]
    [InlineData("{ a: { $gt: /x/ } }", "Can't have RegEx as arg to predicate over field 'a'")]
    public async Task Find_InvalidNegationOrComparison_IsRefused(string filter, string fragment)
    {
        await FilterScenario.AssertRefusedAsync(fixture, filter, BadValue, fragment);
    }

    [Fact]
    public async Task Find_RegexOperatorWithNonStringPattern_IsRefused()
    {
        await FilterScenario.AssertRefusedAsync(fixture, FilterScenario.RegexOperator("a", 5), BadValue, "$regex has to be a string");
    }

    [Fact]
    public async Task Find_RegexOperatorWithNonStringOptions_IsRefused()
    {
        await FilterScenario.AssertRefusedAsync(fixture, FilterScenario.RegexOperator("a", "x", 5), BadValue, "$options has to be a string");
    }

    [Fact]
    public async Task Find_OptionsWithoutRegex_IsRefused()
    {
        await FilterScenario.AssertRefusedAsync(fixture, "{ a: { $options: 'i' } }", BadValue, "$options needs a $regex");
    }

    [Fact]
    public async Task Find_InvalidRegexPattern_IsRefusedAsInvalidRegex()
    {
        await FilterScenario.AssertRefusedAsync(fixture, FilterScenario.RegexOperator("a", "a(b"), InvalidRegex, "Regular expression is invalid");
    }

    [Fact]
    public async Task Find_RegexOptionsGivenTwice_IsRefused()
    {
        MongoCommandException error = await FilterScenario.FilterErrorAsync(
            fixture, FilterScenario.RegexOperator("a", new BsonRegularExpression("x", "i"), "m"));

        Assert.Contains("options set in both $regex and $options", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ a: { $type: 'text' } }", BadValue, "Unknown type name alias: text")]
    [InlineData("{ a: { $type: 99 } }", BadValue, "Invalid numerical type code")]
    [InlineData("{ a: { $type: 'missing' } }", BadValue, "'missing' is not a legal type name")]
    [InlineData("{ a: { $type: true } }", TypeMismatch, "type must be represented as a number or a string")]
    [InlineData("{ a: { $type: [] } }", FailedToParse, "must match at least one type")]
    public async Task Find_InvalidType_IsRefused(string filter, int code, string fragment)
    {
        await FilterScenario.AssertRefusedAsync(fixture, filter, code, fragment);
    }

    [Theory]
    [InlineData("{ a: { $mod: 4 } }", "malformed mod, needs to be an array")]
    [InlineData("{ a: { $mod: [4] } }", "malformed mod, not enough elements")]
    [InlineData("{ a: { $mod: [4, 0, 1] } }", "malformed mod, too many elements")]
    [InlineData("{ a: { $mod: ['4', 0] } }", "malformed mod, divisor not a number")]
    [InlineData("{ a: { $mod: [0, 0] } }", "divisor cannot be 0")]
    public async Task Find_InvalidMod_IsRefused(string filter, string fragment)
    {
        await FilterScenario.AssertRefusedAsync(fixture, filter, BadValue, fragment);
    }

    [Fact]
    public async Task Find_ExprInsideElemMatch_IsRefused()
    {
        await FilterScenario.AssertRefusedAsync(
            fixture, "{ a: { $elemMatch: { $expr: { $eq: ['$b', 1] } } } }", BadValue, "$expr can only be applied to the top-level document");
    }

    [Fact]
    public async Task Find_WhereOnAField_IsRefused()
    {
        await FilterScenario.AssertRefusedAsync(fixture, "{ a: { $where: 'true' } }", BadValue, "$where cannot be applied to a field");
    }

    [Theory]
    [InlineData("{ $where: 'this.a == 1' }", "$where")]
    [InlineData("{ $text: { $search: 'x' } }", "$text")]
    [InlineData("{ $jsonSchema: { required: ['a'] } }", "$jsonSchema")]
    [InlineData("{ a: { $near: [0, 0] } }", "$near")]
    [InlineData("{ a: { $geoWithin: { $center: [[0, 0], 1] } } }", "$geoWithin")]
    [InlineData("{ a: { $bitsAllSet: 1 } }", "$bitsAllSet")]
    [InlineData("{ a: /a++/ }", "possessive quantifiers")]
    public async Task Find_OperatorEmbeddedMongoDoesNotImplement_IsRefusedNotApproximated(string filter, string feature)
    {
        // A real server implements these; only EmbeddedMongo must refuse them.
        if (!MongoTestServer.IsEmbedded)
        {
            return;
        }

        MongoCommandException error = await FilterScenario.FilterErrorAsync(fixture, BsonDocument.Parse(filter));
        Assert.Equal(BadValue, error.Code);
        Assert.Contains(feature, error.Message, StringComparison.Ordinal);
        Assert.Contains("is not supported by EmbeddedMongo", error.Message, StringComparison.Ordinal);
    }
}
