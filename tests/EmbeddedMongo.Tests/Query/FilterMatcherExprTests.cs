using MongoDB.Bson;
using MongoDB.Driver;
namespace EmbeddedMongo.Tests.Query;

public sealed class FilterMatcherExprTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private static readonly string[] Budgets =
    [
        "{ _id: 1, spent: 120, budget: 100 }",
        "{ _id: 2, spent: 80, budget: 100 }",
        "{ _id: 3, spent: 150, budget: 150 }",
    ];

    [Fact]
    public async Task Find_MalformedExprOnEmptyCollection_FailsWithUnrecognizedExpression()
    {
        IMongoCollection<BsonDocument> empty = fixture.NewCollection<BsonDocument>();

        MongoCommandException error = await Assert.ThrowsAsync<MongoCommandException>(
            () => empty.Find(BsonDocument.Parse("{ $expr: { $noSuchOperator: 1 } }")).ToListAsync());

        Assert.Equal(168, error.Code);
    }

    [Fact]
    public async Task Find_ExprComparingTwoFields_MatchesWhereTrue()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ $expr: { $gt: ['$spent', '$budget'] } }", Budgets);

        Assert.Equal([1], ids);
    }

    [Fact]
    public async Task Find_ExprInsideOr_IsAllowedAtTopLevel()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ $or: [{ _id: 2 }, { $expr: { $eq: ['$spent', '$budget'] } }] }", Budgets);

        Assert.Equal([2, 3], ids);
    }

    [Fact]
    public async Task Find_ExprBesideFieldPredicate_IsAndedWithIt()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ budget: 100, $expr: { $lt: ['$spent', '$budget'] } }", Budgets);

        Assert.Equal([2], ids);
    }

    [Fact]
    public async Task Find_ExprWithFalsyConstant_MatchesNothing()
    {
        int[] ids = await FilterScenario.MatchingIdsAsync(fixture, "{ $expr: false }", Budgets);

        Assert.Empty(ids);
    }
}
