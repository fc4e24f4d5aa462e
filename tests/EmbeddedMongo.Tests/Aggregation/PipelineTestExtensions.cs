using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Aggregation;

/// <summary>Runs pipelines and expressions written in shell-style JSON through the real driver.</summary>
internal static class PipelineTestExtensions
{
    public static BsonDocument Json(string json) => BsonDocument.Parse(json);

    /// <summary>Asserts a value type-strictly, by comparing shell-style JSON (1, 1.0 and NumberLong(1) differ).</summary>
    public static void AssertBson(string expected, BsonValue? actual) =>
        Assert.Equal(BsonDocument.Parse($"{{ v: {expected} }}")["v"].ToJson(), actual?.ToJson());

    /// <summary>Asserts documents type-strictly and in order.</summary>
    public static void AssertDocuments(IEnumerable<BsonDocument> actual, params string[] expected) =>
        Assert.Equal(expected.Select(json => BsonDocument.Parse(json).ToJson()), actual.Select(document => document.ToJson()));

    public static async Task<IMongoCollection<BsonDocument>> WithDocumentsAsync(this IMongoCollection<BsonDocument> collection, params string[] documents)
    {
        await collection.InsertManyAsync(documents.Select(BsonDocument.Parse));
        return collection;
    }

    public static Task<List<BsonDocument>> AggregateAsync(this IMongoCollection<BsonDocument> collection, params string[] stages) =>
        collection.Aggregate(PipelineDefinition<BsonDocument, BsonDocument>.Create(stages.Select(BsonDocument.Parse))).ToListAsync();

    /// <summary>Evaluates <paramref name="expression"/> against <paramref name="document"/>; null when the result is missing.</summary>
    public static async Task<BsonValue?> EvaluateAsync(this IMongoCollection<BsonDocument> collection, string document, string expression)
    {
        await collection.InsertOneAsync(BsonDocument.Parse(document));
        BsonDocument project = new("$project", new BsonDocument { { "_id", 0 }, { "r", BsonDocument.Parse($"{{ v: {expression} }}")["v"] } });
        List<BsonDocument> results = await collection.Aggregate(PipelineDefinition<BsonDocument, BsonDocument>.Create([project])).ToListAsync();
        return Assert.Single(results).TryGetValue("r", out BsonValue value) ? value : null;
    }

    /// <summary>The server error of a pipeline that must fail.</summary>
    public static Task<MongoCommandException> AggregateErrorAsync(this IMongoCollection<BsonDocument> collection, params string[] stages) =>
        Assert.ThrowsAsync<MongoCommandException>(() => collection.AggregateAsync(stages));

    public static Task<MongoCommandException> EvaluateErrorAsync(this IMongoCollection<BsonDocument> collection, string document, string expression) =>
        Assert.ThrowsAsync<MongoCommandException>(() => collection.EvaluateAsync(document, expression));
}
