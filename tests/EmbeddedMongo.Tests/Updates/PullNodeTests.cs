using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class PullNodeTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Pull_Value_RemovesEveryEqualElement()
    {
        (UpdateResult result, BsonDocument stored) = await PullAsync(new BsonArray { 1, 2, 1, 3 }, 1);

        Assert.Equal(new BsonArray { 2, 3 }, stored["a"]);
        Assert.Equal(1, result.ModifiedCount);
    }

    [Fact]
    public async Task Pull_Value_RemovesNumericallyEqualElements()
    {
        (_, BsonDocument stored) = await PullAsync(new BsonArray { 1, 1.0, 1L, 2 }, 1);

        Assert.Equal(new BsonArray { 2 }, stored["a"]);
    }

    [Fact]
    public async Task Pull_ArrayValue_RemovesEqualArrays()
    {
        (_, BsonDocument stored) = await PullAsync(new BsonArray { new BsonArray { 1, 2 }, new BsonArray { 2, 1 } }, new BsonArray { 1, 2 });

        Assert.Equal(new BsonArray { new BsonArray { 2, 1 } }, stored["a"]);
    }

    [Fact]
    public async Task Pull_NoEqualElement_IsANoOp()
    {
        (UpdateResult result, BsonDocument stored) = await PullAsync(new BsonArray { 1, 2 }, 5);

        Assert.Equal(0, result.ModifiedCount);
        Assert.Equal(new BsonArray { 1, 2 }, stored["a"]);
    }

    [Fact]
    public async Task Pull_QueryOperatorCondition_RemovesMatchingElements()
    {
        (_, BsonDocument stored) = await PullAsync(new BsonArray { 1, 5, 10, 3 }, new BsonDocument("$gte", 5));

        Assert.Equal(new BsonArray { 1, 3 }, stored["a"]);
    }

    [Fact]
    public async Task Pull_InCondition_RemovesListedValues()
    {
        (_, BsonDocument stored) = await PullAsync(new BsonArray { "a", "b", "c" }, new BsonDocument("$in", new BsonArray { "a", "c" }));

        Assert.Equal(new BsonArray { "b" }, stored["a"]);
    }

    [Fact]
    public async Task Pull_Regex_RemovesMatchingStrings()
    {
        (_, BsonDocument stored) = await PullAsync(new BsonArray { "apple", "banana", "avocado" }, new BsonRegularExpression("^a"));

        Assert.Equal(new BsonArray { "banana" }, stored["a"]);
    }

    [Fact]
    public async Task Pull_DocumentCondition_MatchesDocumentElementsAsAQuery()
    {
        var array = new BsonArray
        {
            new BsonDocument { { "k", 1 }, { "v", "x" } },
            new BsonDocument("k", 2),
            new BsonDocument("k", 1),
            1,
        };

        (_, BsonDocument stored) = await PullAsync(array, new BsonDocument("k", 1));

        Assert.Equal(new BsonArray { new BsonDocument("k", 2), 1 }, stored["a"]);
    }

    [Fact]
    public async Task Pull_DocumentConditionWithOperators_RemovesMatchingDocuments()
    {
        var array = new BsonArray { new BsonDocument("score", 8), new BsonDocument("score", 3), new BsonDocument("score", 9) };

        (_, BsonDocument stored) = await PullAsync(array, new BsonDocument("score", new BsonDocument("$gt", 5)));

        Assert.Equal(new BsonArray { new BsonDocument("score", 3) }, stored["a"]);
    }

    [Fact]
    public async Task Pull_MissingField_IsANoOp()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$pull", new BsonDocument("a", 1)));

        Assert.Equal(0, result.ModifiedCount);
        Assert.Equal(new BsonDocument("_id", 1), stored);
    }

    [Fact]
    public async Task Pull_FromNonArray_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$pull", new BsonDocument("a", 1)));

        Assert.Equal(2, error.Code);
        Assert.Contains("Cannot apply $pull to a non-array value", error.Message);
    }

    [Fact]
    public async Task Pull_PathThroughScalar_FailsWithPathNotViable()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$pull", new BsonDocument("a.b", 1)));

        Assert.Equal(28, error.Code);
    }

    [Fact]
    public async Task PullAll_Values_RemovesEveryListedValue()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture,
            new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1, 2, 3, 1 } } },
            new BsonDocument("$pullAll", new BsonDocument("a", new BsonArray { 1, 3 })));

        Assert.Equal(new BsonArray { 2 }, stored["a"]);
    }

    [Fact]
    public async Task PullAll_NonArrayArgument_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1 } } }, new BsonDocument("$pullAll", new BsonDocument("a", 1)));

        Assert.Equal(2, error.Code);
    }

    private Task<(UpdateResult Result, BsonDocument Stored)> PullAsync(BsonArray initial, BsonValue condition) =>
        UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", initial } }, new BsonDocument("$pull", new BsonDocument("a", condition)));
}
