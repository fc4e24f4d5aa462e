using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class ArrayUpdateNodeTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task AllPositional_Set_UpdatesEveryElement()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1, 2, 3 } } }, new BsonDocument("$set", new BsonDocument("a.$[]", 0)));

        Assert.Equal(new BsonArray { 0, 0, 0 }, stored["a"]);
        Assert.Equal(1, result.ModifiedCount);
    }

    [Fact]
    public async Task AllPositional_IncOfEmbeddedField_UpdatesEveryElement()
    {
        var document = new BsonDocument { { "_id", 1 }, { "a", new BsonArray { new BsonDocument("n", 1), new BsonDocument("n", 2) } } };

        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(fixture, document, new BsonDocument("$inc", new BsonDocument("a.$[].n", 10)));

        Assert.Equal(new BsonArray { new BsonDocument("n", 11), new BsonDocument("n", 12) }, stored["a"]);
    }

    [Fact]
    public async Task AllPositional_NestedArrays_UpdatesEveryInnerElement()
    {
        var document = new BsonDocument { { "_id", 1 }, { "a", new BsonArray { new BsonArray { 1, 2 }, new BsonArray { 3 } } } };

        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(fixture, document, new BsonDocument("$inc", new BsonDocument("a.$[].$[]", 1)));

        Assert.Equal(new BsonArray { new BsonArray { 2, 3 }, new BsonArray { 4 } }, stored["a"]);
    }

    [Fact]
    public async Task AllPositional_MissingField_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$set", new BsonDocument("a.$[]", 1)));

        Assert.Equal(2, error.Code);
        Assert.Contains("must exist in the document in order to apply array updates", error.Message);
    }

    [Fact]
    public async Task AllPositional_NonArray_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 5 } }, new BsonDocument("$set", new BsonDocument("a.$[]", 1)));

        Assert.Equal(2, error.Code);
        Assert.Contains("Cannot apply array updates to non-array element", error.Message);
    }

    [Fact]
    public async Task FilteredPositional_ScalarElements_UpdatesMatchingOnes()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture,
            new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1, 5, 10, 2 } } },
            new BsonDocument("$set", new BsonDocument("a.$[big]", 0)),
            Filters(new BsonDocument("big", new BsonDocument("$gte", 5))));

        Assert.Equal(new BsonArray { 1, 0, 0, 2 }, stored["a"]);
    }

    [Fact]
    public async Task FilteredPositional_EmbeddedField_UpdatesMatchingDocuments()
    {
        var document = new BsonDocument
        {
            { "_id", 1 },
            { "a", new BsonArray { new BsonDocument { { "g", 1 }, { "v", 0 } }, new BsonDocument { { "g", 2 }, { "v", 0 } } } },
        };

        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, document, new BsonDocument("$set", new BsonDocument("a.$[e].v", 9)), Filters(new BsonDocument("e.g", 2)));

        Assert.Equal(
            new BsonArray { new BsonDocument { { "g", 1 }, { "v", 0 } }, new BsonDocument { { "g", 2 }, { "v", 9 } } },
            stored["a"]);
    }

    [Fact]
    public async Task FilteredPositional_NoMatchingElement_IsANoOp()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture,
            new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1, 2 } } },
            new BsonDocument("$set", new BsonDocument("a.$[x]", 0)),
            Filters(new BsonDocument("x", 7)));

        Assert.Equal(0, result.ModifiedCount);
        Assert.Equal(new BsonArray { 1, 2 }, stored["a"]);
    }

    [Fact]
    public async Task FilteredAndAllPositional_DifferentFieldsOfOneElement_AreBothApplied()
    {
        var document = new BsonDocument { { "_id", 1 }, { "a", new BsonArray { new BsonDocument { { "b", 1 }, { "c", 1 } } } } };

        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture,
            document,
            new BsonDocument("$set", new BsonDocument { { "a.$[].b", 2 }, { "a.$[x].c", 3 } }),
            Filters(new BsonDocument("x.b", 1)));

        Assert.Equal(new BsonArray { new BsonDocument { { "b", 2 }, { "c", 3 } } }, stored["a"]);
    }

    [Fact]
    public async Task FilteredPositional_TwoFiltersSettingOneElement_FailsWithConflict()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture,
            new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1 } } },
            new BsonDocument("$set", new BsonDocument { { "a.$[x]", 2 }, { "a.$[y]", 3 } }),
            Filters(new BsonDocument("x", 1), new BsonDocument("y", 1)));

        Assert.Equal(40, error.Code);
    }

    [Fact]
    public async Task FilteredPositional_WithoutItsFilter_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1 } } }, new BsonDocument("$set", new BsonDocument("a.$[x]", 0)));

        Assert.Equal(2, error.Code);
        Assert.Contains("No array filter found for identifier 'x'", error.Message);
    }

    [Fact]
    public async Task ArrayFilter_NotUsedByTheUpdate_FailsWithFailedToParse()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$set", new BsonDocument("a", 0)), Filters(new BsonDocument("x", 1)));

        Assert.Equal(9, error.Code);
        Assert.Contains("The array filter for identifier 'x' was not used in the update", error.Message);
    }

    [Fact]
    public async Task ArrayFilter_TwoIdentifiers_FailsWithFailedToParse()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture,
            new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1 } } },
            new BsonDocument("$set", new BsonDocument("a.$[x]", 0)),
            Filters(new BsonDocument { { "x", 1 }, { "y", 1 } }));

        Assert.Equal(9, error.Code);
    }

    [Fact]
    public async Task ArrayFilter_DuplicateIdentifier_FailsWithFailedToParse()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture,
            new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1 } } },
            new BsonDocument("$set", new BsonDocument("a.$[x]", 0)),
            Filters(new BsonDocument("x", 1), new BsonDocument("x", 2)));

        Assert.Equal(9, error.Code);
        Assert.Contains("Found multiple array filters with the same top-level field name x", error.Message);
    }

    [Fact]
    public async Task ArrayFilter_UppercaseIdentifier_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture,
            new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1 } } },
            new BsonDocument("$set", new BsonDocument("a.$[X]", 0)),
            Filters(new BsonDocument("X", 1)));

        Assert.Equal(2, error.Code);
    }

    private static UpdateOptions Filters(params BsonDocument[] filters) => new()
    {
        ArrayFilters = filters.Select(filter => new BsonDocumentArrayFilterDefinition<BsonDocument>(filter)).ToList(),
    };
}
