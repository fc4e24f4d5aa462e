using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Query;

/// <summary>Runs a filter through the driver's <c>find</c> over a fresh collection seeded with the given documents.</summary>
internal static class FilterScenario
{
    /// <summary>The <c>_id</c>s (ints) of the documents <paramref name="filter"/> matches, in ascending order.</summary>
    public static Task<int[]> MatchingIdsAsync(MongoDatabaseFixture fixture, string filter, params string[] documents) =>
        MatchingIdsAsync(fixture, BsonDocument.Parse(filter), documents);

    /// <summary>
    /// As above, for filters JSON cannot express: the JSON reader turns <c>{$regex: .., $options: ..}</c> into a regex value.
    /// </summary>
    public static async Task<int[]> MatchingIdsAsync(MongoDatabaseFixture fixture, BsonDocument filter, params string[] documents)
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(fixture, documents);
        List<BsonDocument> found = await collection.Find(filter).ToListAsync();
        return [.. found.Select(d => d["_id"].AsInt32).Order()];
    }

    /// <summary>The server error <paramref name="filter"/> causes (the collection holds one document so the filter is evaluated).</summary>
    public static async Task<MongoCommandException> FilterErrorAsync(MongoDatabaseFixture fixture, BsonDocument filter)
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync(fixture, "{ _id: 1, a: 1 }");
        return await Assert.ThrowsAsync<MongoCommandException>(() => collection.Find(filter).ToListAsync());
    }

    /// <summary>Asserts that <paramref name="filter"/> fails with <paramref name="code"/> and a message containing <paramref name="fragment"/>.</summary>
    public static Task AssertRefusedAsync(MongoDatabaseFixture fixture, string filter, int code, string fragment) =>
        AssertRefusedAsync(fixture, BsonDocument.Parse(filter), code, fragment);

    public static async Task AssertRefusedAsync(MongoDatabaseFixture fixture, BsonDocument filter, int code, string fragment)
    {
        MongoCommandException error = await FilterErrorAsync(fixture, filter);
        Assert.Equal(code, error.Code);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    /// <summary><c>{field: {$regex: pattern, $options: options}}</c>, built without the JSON reader.</summary>
    public static BsonDocument RegexOperator(string field, BsonValue pattern, BsonValue? options = null)
    {
        var operators = new BsonDocument("$regex", pattern);
        if (options is not null)
        {
            operators.Add("$options", options);
        }

        return new BsonDocument(field, operators);
    }

    private static async Task<IMongoCollection<BsonDocument>> SeedAsync(MongoDatabaseFixture fixture, params string[] documents)
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertManyAsync(documents.Select(BsonDocument.Parse));
        return collection;
    }
}
