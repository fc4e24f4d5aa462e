using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class PushNodeTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Push_Value_AppendsIt()
    {
        BsonArray array = await PushAsync(new BsonArray { 1 }, 2);

        Assert.Equal(new BsonArray { 1, 2 }, array);
    }

    [Fact]
    public async Task Push_ArrayWithoutEach_AppendsItAsOneElement()
    {
        BsonArray array = await PushAsync(new BsonArray { 1 }, new BsonArray { 2, 3 });

        Assert.Equal(new BsonArray { 1, new BsonArray { 2, 3 } }, array);
    }

    [Fact]
    public async Task Push_DocumentWithoutEach_AppendsItAsIs()
    {
        BsonArray array = await PushAsync(new BsonArray(), new BsonDocument { { "b", 1 }, { "c", 2 } });

        Assert.Equal(new BsonArray { new BsonDocument { { "b", 1 }, { "c", 2 } } }, array);
    }

    [Fact]
    public async Task Push_MissingField_CreatesTheArray()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$push", new BsonDocument("a.b", "x")));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", new BsonDocument("b", new BsonArray { "x" }) } }, stored);
    }

    [Fact]
    public async Task Push_Each_AppendsEveryValue()
    {
        BsonArray array = await PushAsync(new BsonArray { 1 }, new BsonDocument("$each", new BsonArray { 2, 3 }));

        Assert.Equal(new BsonArray { 1, 2, 3 }, array);
    }

    [Fact]
    public async Task Push_EachWithPosition_InsertsAtTheIndex()
    {
        BsonArray array = await PushAsync(
            new BsonArray { 1, 4 }, new BsonDocument { { "$each", new BsonArray { 2, 3 } }, { "$position", 1 } });

        Assert.Equal(new BsonArray { 1, 2, 3, 4 }, array);
    }

    [Fact]
    public async Task Push_NegativePosition_CountsFromTheEnd()
    {
        BsonArray array = await PushAsync(
            new BsonArray { 1, 2, 3 }, new BsonDocument { { "$each", new BsonArray { 9 } }, { "$position", -1 } });

        Assert.Equal(new BsonArray { 1, 2, 9, 3 }, array);
    }

    [Fact]
    public async Task Push_PositionZero_InsertsAtTheFront()
    {
        BsonArray array = await PushAsync(
            new BsonArray { 2 }, new BsonDocument { { "$each", new BsonArray { 0, 1 } }, { "$position", 0 } });

        Assert.Equal(new BsonArray { 0, 1, 2 }, array);
    }

    [Fact]
    public async Task Push_PositiveSlice_KeepsTheFirstElements()
    {
        BsonArray array = await PushAsync(
            new BsonArray { 1, 2 }, new BsonDocument { { "$each", new BsonArray { 3, 4 } }, { "$slice", 3 } });

        Assert.Equal(new BsonArray { 1, 2, 3 }, array);
    }

    [Fact]
    public async Task Push_NegativeSlice_KeepsTheLastElements()
    {
        BsonArray array = await PushAsync(
            new BsonArray { 1, 2 }, new BsonDocument { { "$each", new BsonArray { 3, 4 } }, { "$slice", -2 } });

        Assert.Equal(new BsonArray { 3, 4 }, array);
    }

    [Fact]
    public async Task Push_SliceZero_EmptiesTheArray()
    {
        BsonArray array = await PushAsync(new BsonArray { 1, 2 }, new BsonDocument { { "$each", new BsonArray { 3 } }, { "$slice", 0 } });

        Assert.Empty(array);
    }

    [Fact]
    public async Task Push_SortAscending_SortsWholeElements()
    {
        BsonArray array = await PushAsync(new BsonArray { 3, 1 }, new BsonDocument { { "$each", new BsonArray { 2 } }, { "$sort", 1 } });

        Assert.Equal(new BsonArray { 1, 2, 3 }, array);
    }

    [Fact]
    public async Task Push_SortDescending_SortsMixedTypesInBsonOrder()
    {
        BsonArray array = await PushAsync(new BsonArray { "b", 1 }, new BsonDocument { { "$each", new BsonArray { 2.5 } }, { "$sort", -1 } });

        Assert.Equal(new BsonArray { "b", 2.5, 1 }, array);
    }

    [Fact]
    public async Task Push_SortByEmbeddedFieldThenSlice_KeepsTheTopElements()
    {
        var modifiers = new BsonDocument
        {
            { "$each", new BsonArray { new BsonDocument("s", 2) } },
            { "$sort", new BsonDocument("s", -1) },
            { "$slice", 2 },
        };

        BsonArray array = await PushAsync(new BsonArray { new BsonDocument("s", 3), new BsonDocument("s", 1) }, modifiers);

        Assert.Equal(new BsonArray { new BsonDocument("s", 3), new BsonDocument("s", 2) }, array);
    }

    [Fact]
    public async Task Push_EmptyEach_IsANoOp()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture,
            new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1 } } },
            new BsonDocument("$push", new BsonDocument("a", new BsonDocument("$each", new BsonArray()))));

        Assert.Equal(0, result.ModifiedCount);
        Assert.Equal(new BsonArray { 1 }, stored["a"]);
    }

    [Fact]
    public async Task Push_ToString_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", "x" } }, new BsonDocument("$push", new BsonDocument("a", 1)));

        Assert.Equal(2, error.Code);
        Assert.Contains("The field 'a' must be an array but is of type string in document {_id: 1}", error.Message);
    }

    [Fact]
    public async Task Push_EachNotAnArray_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$push", new BsonDocument("a", new BsonDocument("$each", 1))));

        Assert.Equal(2, error.Code);
    }

    [Fact]
    public async Task Push_UnknownClause_FailsWithBadValue()
    {
        var modifiers = new BsonDocument { { "$each", new BsonArray { 1 } }, { "$foo", 1 } };

        WriteError error = await UpdateScenario.UpdateOneFailsAsync(fixture, new BsonDocument("_id", 1), new BsonDocument("$push", new BsonDocument("a", modifiers)));

        Assert.Equal(2, error.Code);
        Assert.Contains("Unrecognized clause in $push: $foo", error.Message);
    }

    [Fact]
    public async Task Push_InvalidSortValue_FailsWithBadValue()
    {
        var modifiers = new BsonDocument { { "$each", new BsonArray { 1 } }, { "$sort", 2 } };

        WriteError error = await UpdateScenario.UpdateOneFailsAsync(fixture, new BsonDocument("_id", 1), new BsonDocument("$push", new BsonDocument("a", modifiers)));

        Assert.Equal(2, error.Code);
    }

    [Fact]
    public async Task Push_FractionalSlice_FailsWithBadValue()
    {
        var modifiers = new BsonDocument { { "$each", new BsonArray { 1 } }, { "$slice", 1.5 } };

        WriteError error = await UpdateScenario.UpdateOneFailsAsync(fixture, new BsonDocument("_id", 1), new BsonDocument("$push", new BsonDocument("a", modifiers)));

        Assert.Equal(2, error.Code);
    }

    private async Task<BsonArray> PushAsync(BsonArray initial, BsonValue argument)
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", initial } }, new BsonDocument("$push", new BsonDocument("a", argument)));
        Assert.Equal(1, result.ModifiedCount);
        return stored["a"].AsBsonArray;
    }
}
