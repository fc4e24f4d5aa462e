using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Updates;

/// <summary>
/// Runs one update through the driver against a fresh collection holding one document, and reads the result
/// back. The filter is empty: the collection holds only that document.
/// </summary>
internal static class UpdateScenario
{
    public static async Task<(UpdateResult Result, BsonDocument Stored)> UpdateOneAsync(
        MongoDatabaseFixture fixture, BsonDocument document, UpdateDefinition<BsonDocument> update, UpdateOptions? options = null)
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertOneAsync(document);

        UpdateResult result = await collection.UpdateOneAsync(FilterDefinition<BsonDocument>.Empty, update, options);

        return (result, await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync());
    }

    /// <summary>Runs an update that must fail; returns its server error code and checks the document is unchanged.</summary>
    public static async Task<WriteError> UpdateOneFailsAsync(
        MongoDatabaseFixture fixture, BsonDocument document, UpdateDefinition<BsonDocument> update, UpdateOptions? options = null)
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertOneAsync(document);
        BsonDocument before = document.DeepClone().AsBsonDocument;

        MongoWriteException error = await Assert.ThrowsAsync<MongoWriteException>(
            () => collection.UpdateOneAsync(FilterDefinition<BsonDocument>.Empty, update, options));

        Assert.Equal(before, await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync());
        return error.WriteError;
    }

    /// <summary>Upserts into an empty collection; returns the result and the inserted document.</summary>
    public static async Task<(UpdateResult Result, BsonDocument Stored)> UpsertAsync(
        MongoDatabaseFixture fixture, FilterDefinition<BsonDocument> filter, UpdateDefinition<BsonDocument> update)
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();

        UpdateResult result = await collection.UpdateOneAsync(filter, update, new UpdateOptions { IsUpsert = true });

        return (result, await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync());
    }

    /// <summary>
    /// Sends a raw <c>update</c> command (for updates the driver refuses to send) over one stored document;
    /// returns the server's reply and the document afterwards.
    /// </summary>
    public static async Task<(BsonDocument Reply, BsonDocument Stored)> RawUpdateAsync(
        MongoDatabaseFixture fixture, BsonDocument document, BsonValue update, bool multi = false, BsonArray? arrayFilters = null)
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>();
        await collection.InsertOneAsync(document);
        var statement = new BsonDocument { { "q", new BsonDocument() }, { "u", update }, { "multi", multi } };
        if (arrayFilters is not null)
        {
            statement["arrayFilters"] = arrayFilters;
        }

        var command = new BsonDocument
        {
            { "update", collection.CollectionNamespace.CollectionName },
            { "updates", new BsonArray { statement } },
        };

        BsonDocument reply = await fixture.Database.RunCommandAsync<BsonDocument>(command);
        return (reply, await collection.Find(FilterDefinition<BsonDocument>.Empty).SingleAsync());
    }

    /// <summary>The code of the single write error in a raw update reply.</summary>
    public static int WriteErrorCode(BsonDocument reply)
    {
        Assert.True(reply.Contains("writeErrors"), $"expected a write error in {reply}");
        return reply["writeErrors"][0]["code"].ToInt32();
    }

    public static PipelineUpdateDefinition<BsonDocument> Pipeline(params BsonDocument[] stages) =>
        new(new BsonDocumentStagePipelineDefinition<BsonDocument, BsonDocument>(stages));
}
