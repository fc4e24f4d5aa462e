using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Benchmarks.EmbeddedMongo;

/// <summary>The small documents both scale measurements use, inserted as the issue asks: InsertMany in batches of 1,000.</summary>
internal static class ScaleData
{
    public const int BatchSize = 1_000;

    public static BsonDocument Document(int id) => new()
    {
        { "_id", id },
        { "name", "user-" + id },
        { "n", id % 97 },
    };

    public static async Task InsertAsync(IMongoCollection<BsonDocument> collection, int count)
    {
        var batch = new List<BsonDocument>(BatchSize);
        for (int start = 0; start < count; start += BatchSize)
        {
            batch.Clear();
            for (int id = start; id < Math.Min(start + BatchSize, count); id++)
            {
                batch.Add(Document(id));
            }

            await collection.InsertManyAsync(batch).ConfigureAwait(false);
        }
    }

    /// <summary>Ids to look up, spread over the whole collection in an order the server cannot predict.</summary>
    public static int[] LookupIds(int collectionSize, int count)
    {
        var random = new Random(12345);
        return Enumerable.Range(0, count).Select(_ => random.Next(collectionSize)).ToArray();
    }
}
