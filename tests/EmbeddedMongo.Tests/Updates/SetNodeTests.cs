using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class SetNodeTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    [Fact]
    public async Task Set_ExistingField_ReplacesValueInPlace()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 }, { "b", 2 } }, new BsonDocument("$set", new BsonDocument("a", "x")));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", "x" }, { "b", 2 } }, stored);
        Assert.Equal(1, result.MatchedCount);
        Assert.Equal(1, result.ModifiedCount);
    }

    [Fact]
    public async Task Set_NewFields_AppendedInLexicographicOrder()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "m", 1 } }, new BsonDocument("$set", new BsonDocument { { "z", 1 }, { "b", 2 } }));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "m", 1 }, { "b", 2 }, { "z", 1 } }, stored);
    }

    [Fact]
    public async Task Set_NumericFieldNames_AppendedInNumericOrder()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture,
            new BsonDocument { { "_id", 1 }, { "a", new BsonDocument() } },
            new BsonDocument("$set", new BsonDocument { { "a.10", 1 }, { "a.9", 2 } }));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", new BsonDocument { { "9", 2 }, { "10", 1 } } } }, stored);
    }

    [Fact]
    public async Task Set_NewFieldsOfSeveralOperators_AppendedInPathOrder()
    {
        var update = new BsonDocument
        {
            { "$set", new BsonDocument("z", 1) },
            { "$inc", new BsonDocument("b", 1) },
            { "$push", new BsonDocument("m", 1) },
        };

        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(fixture, new BsonDocument("_id", 1), update);

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "b", 1 }, { "m", new BsonArray { 1 } }, { "z", 1 } }, stored);
    }

    [Fact]
    public async Task Set_DottedPathThroughMissingFields_CreatesEmbeddedDocuments()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$set", new BsonDocument { { "a.b.c", 1 }, { "a.b.d", 2 } }));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", new BsonDocument("b", new BsonDocument { { "c", 1 }, { "d", 2 } }) } }, stored);
    }

    [Fact]
    public async Task Set_DottedPathIntoExistingDocument_AddsField()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture,
            new BsonDocument { { "_id", 1 }, { "a", new BsonDocument("x", 1) }, { "b", 2 } },
            new BsonDocument("$set", new BsonDocument("a.y", 2)));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", new BsonDocument { { "x", 1 }, { "y", 2 } } }, { "b", 2 } }, stored);
    }

    [Fact]
    public async Task Set_SameValue_IsNotCountedAsModified()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1, 2 } } }, new BsonDocument("$set", new BsonDocument("a", new BsonArray { 1, 2 })));

        Assert.Equal(1, result.MatchedCount);
        Assert.Equal(0, result.ModifiedCount);
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1, 2 } } }, stored);
    }

    [Fact]
    public async Task Set_EqualNumberOfAnotherType_ChangesTheType()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$set", new BsonDocument("a", 1.0)));

        Assert.Equal(1, result.ModifiedCount);
        Assert.Equal(BsonType.Double, stored["a"].BsonType);
    }

    [Fact]
    public async Task Set_EmptyOperand_IsANoOp()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$set", new BsonDocument()));

        Assert.Equal(1, result.MatchedCount);
        Assert.Equal(0, result.ModifiedCount);
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", 1 } }, stored);
    }

    [Fact]
    public async Task Set_ArrayIndex_ReplacesElement()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1, 2, 3 } } }, new BsonDocument("$set", new BsonDocument("a.1", 9)));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1, 9, 3 } } }, stored);
    }

    [Fact]
    public async Task Set_ArrayIndexBeyondTheEnd_PadsWithNulls()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1 } } }, new BsonDocument("$set", new BsonDocument("a.3", 4)));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1, BsonNull.Value, BsonNull.Value, 4 } } }, stored);
    }

    [Fact]
    public async Task Set_FieldOfElementBeyondTheEnd_PadsAndCreatesADocument()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1 } } }, new BsonDocument("$set", new BsonDocument("a.2.b", 5)));

        Assert.Equal(new BsonArray { 1, BsonNull.Value, new BsonDocument("b", 5) }, stored["a"]);
    }

    [Fact]
    public async Task Set_FieldOfArrayElement_UpdatesThatElement()
    {
        var document = new BsonDocument { { "_id", 1 }, { "a", new BsonArray { new BsonDocument("b", 1), new BsonDocument("b", 2) } } };

        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(fixture, document, new BsonDocument("$set", new BsonDocument("a.1.b", 5)));

        Assert.Equal(new BsonArray { new BsonDocument("b", 1), new BsonDocument("b", 5) }, stored["a"]);
    }

    [Fact]
    public async Task Set_NumericComponentOnDocument_IsAFieldName()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$set", new BsonDocument("a.0", "x")));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", new BsonDocument("0", "x") } }, stored);
    }

    [Fact]
    public async Task Set_PathThroughScalar_FailsWithPathNotViable()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$set", new BsonDocument("a.b", 1)));

        Assert.Equal(28, error.Code);
        Assert.Contains("Cannot create field 'b'", error.Message);
    }

    [Fact]
    public async Task Set_PathThroughNull_FailsWithPathNotViable()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", BsonNull.Value } }, new BsonDocument("$set", new BsonDocument("a.b", 1)));

        Assert.Equal(28, error.Code);
    }

    [Fact]
    public async Task Set_FieldNameOnArray_FailsWithPathNotViable()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1, 2 } } }, new BsonDocument("$set", new BsonDocument("a.x", 1)));

        Assert.Equal(28, error.Code);
        Assert.Contains("Cannot create field 'x'", error.Message);
    }

    [Fact]
    public async Task Set_EmptyPathComponent_FailsWithEmptyFieldName()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$set", new BsonDocument("a..b", 1)));

        Assert.Equal(56, error.Code);
    }

    [Fact]
    public async Task Set_PositionalOperatorWithoutQueryMatch_FailsWithBadValue()
    {
        // MongoDB needs the query's matched index for '$'; EmbeddedMongo refuses '$' altogether, with the same code.
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1 } } }, new BsonDocument("$set", new BsonDocument("a.$", 2)));

        Assert.Equal(2, error.Code);
    }

    [Fact]
    public async Task SetOnInsert_OnExistingDocument_IsIgnored()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$setOnInsert", new BsonDocument("b", 2)));

        Assert.Equal(0, result.ModifiedCount);
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", 1 } }, stored);
    }

    [Fact]
    public async Task SetOnInsert_OnUpsert_SetsFieldsWithTheOtherOperators()
    {
        var update = new BsonDocument { { "$setOnInsert", new BsonDocument("b", 2) }, { "$set", new BsonDocument("a", 1) } };

        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpsertAsync(fixture, FilterDefinition<BsonDocument>.Empty, update);

        Assert.Equal(BsonType.ObjectId, result.UpsertedId.BsonType);
        Assert.Equal(new BsonDocument { { "_id", result.UpsertedId }, { "a", 1 }, { "b", 2 } }, stored);
        Assert.Equal(0, result.MatchedCount);
    }

    [Fact]
    public async Task SetOnInsert_SameFieldAsSet_FailsWithConflict()
    {
        var update = new BsonDocument { { "$setOnInsert", new BsonDocument("a", 2) }, { "$set", new BsonDocument("a", 1) } };

        WriteError error = await UpdateScenario.UpdateOneFailsAsync(fixture, new BsonDocument("_id", 1), update);

        Assert.Equal(40, error.Code);
    }
}
