using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

public sealed class ArithmeticNodeTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    public static TheoryData<BsonValue, BsonValue, BsonValue> IncPromotions => new()
    {
        { 1, 2, 3 },
        { int.MaxValue, 1, 2147483648L },
        { int.MinValue, -1, -2147483649L },
        { 1, 2L, 3L },
        { 1L, 2, 3L },
        { 1, 0.5, 1.5 },
        { 1L, 0.5, 1.5 },
        { 1.5, 1, 2.5 },
        { 1, new BsonDecimal128(Decimal128.Parse("1.5")), new BsonDecimal128(Decimal128.Parse("2.5")) },
        { new BsonDecimal128(Decimal128.Parse("2")), 3L, new BsonDecimal128(Decimal128.Parse("5")) },
    };

    public static TheoryData<BsonValue, BsonValue, BsonValue> MulPromotions => new()
    {
        { 3, 4, 12 },
        { 100000, 100000, 10000000000L },
        { 3, 4L, 12L },
        { 3, 0.5, 1.5 },
        { 3, new BsonDecimal128(Decimal128.Parse("2")), new BsonDecimal128(Decimal128.Parse("6")) },
    };

    [Theory]
    [MemberData(nameof(IncPromotions))]
    public async Task Inc_Numbers_FollowsTypePromotion(BsonValue current, BsonValue operand, BsonValue expected)
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", current } }, new BsonDocument("$inc", new BsonDocument("a", operand)));

        Assert.Equal(expected, stored["a"]);
        Assert.Equal(expected.BsonType, stored["a"].BsonType);
        Assert.Equal(1, result.ModifiedCount);
    }

    [Theory]
    [MemberData(nameof(MulPromotions))]
    public async Task Mul_Numbers_FollowsTypePromotion(BsonValue current, BsonValue operand, BsonValue expected)
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", current } }, new BsonDocument("$mul", new BsonDocument("a", operand)));

        Assert.Equal(expected, stored["a"]);
        Assert.Equal(expected.BsonType, stored["a"].BsonType);
    }

    [Fact]
    public async Task Inc_MissingField_SetsTheOperand()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$inc", new BsonDocument { { "a", 5L }, { "b.c", -2 } }));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", 5L }, { "b", new BsonDocument("c", -2) } }, stored);
    }

    [Fact]
    public async Task Mul_MissingField_SetsZeroOfTheOperandType()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument("_id", 1), new BsonDocument("$mul", new BsonDocument { { "c", 4 }, { "b", 3L }, { "a", 2.5 } }));

        Assert.Equal(new BsonDocument { { "_id", 1 }, { "a", 0.0 }, { "b", 0L }, { "c", 0 } }, stored);
    }

    [Fact]
    public async Task Inc_ByZero_IsNotCountedAsModified()
    {
        (UpdateResult result, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 7 } }, new BsonDocument("$inc", new BsonDocument("a", 0)));

        Assert.Equal(0, result.ModifiedCount);
        Assert.Equal(7, stored["a"].AsInt32);
    }

    [Fact]
    public async Task Inc_ArrayElement_IncrementsIt()
    {
        (_, BsonDocument stored) = await UpdateScenario.UpdateOneAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", new BsonArray { 1, 2 } } }, new BsonDocument("$inc", new BsonDocument("a.1", 10)));

        Assert.Equal(new BsonArray { 1, 12 }, stored["a"]);
    }

    [Fact]
    public async Task Inc_LongOverflow_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", long.MaxValue } }, new BsonDocument("$inc", new BsonDocument("a", 1)));

        Assert.Equal(2, error.Code);
        Assert.Contains("Failed to apply $inc operations to current value", error.Message);
    }

    [Fact]
    public async Task Mul_LongOverflow_FailsWithBadValue()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", long.MaxValue } }, new BsonDocument("$mul", new BsonDocument("a", 2)));

        Assert.Equal(2, error.Code);
    }

    [Fact]
    public async Task Inc_StringField_FailsWithTypeMismatch()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", "x" } }, new BsonDocument("$inc", new BsonDocument("a", 1)));

        Assert.Equal(14, error.Code);
        Assert.Contains("Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 'a' of non-numeric type string", error.Message);
    }

    [Fact]
    public async Task Inc_NullField_FailsWithTypeMismatch()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", BsonNull.Value } }, new BsonDocument("$inc", new BsonDocument("a", 1)));

        Assert.Equal(14, error.Code);
        Assert.Contains("of non-numeric type null", error.Message);
    }

    [Fact]
    public async Task Mul_StringField_FailsWithTypeMismatch()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", "x" } }, new BsonDocument("$mul", new BsonDocument("a", 2)));

        Assert.Equal(14, error.Code);
        Assert.Contains("Cannot apply $mul to a value of non-numeric type", error.Message);
    }

    [Fact]
    public async Task Inc_NonNumericArgument_FailsWithTypeMismatch()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$inc", new BsonDocument("a", "1")));

        Assert.Equal(14, error.Code);
        Assert.Contains("Cannot increment with non-numeric argument", error.Message);
    }

    [Fact]
    public async Task Mul_NonNumericArgument_FailsWithTypeMismatch()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$mul", new BsonDocument("a", true)));

        Assert.Equal(14, error.Code);
        Assert.Contains("Cannot multiply with non-numeric argument", error.Message);
    }

    [Fact]
    public async Task Inc_PathThroughScalar_FailsWithPathNotViable()
    {
        WriteError error = await UpdateScenario.UpdateOneFailsAsync(
            fixture, new BsonDocument { { "_id", 1 }, { "a", 1 } }, new BsonDocument("$inc", new BsonDocument("a.b", 1)));

        Assert.Equal(28, error.Code);
    }
}
