using MongoDB.Bson;
using MongoDB.Driver;

namespace UserRename;

/// <summary>The invariants checked against the database at the end.</summary>
public sealed record FinalCheck(long LostWrites, long MissingDisplayName, long OldFieldLeft, IReadOnlyList<string> Samples)
{
    public static async Task<FinalCheck> RunAsync(IMongoCollection<BsonDocument> users, IReadOnlyDictionary<ObjectId, string> lastWrites)
    {
        long lost = 0;
        var samples = new List<string>();
        foreach (KeyValuePair<ObjectId, string>[] chunk in lastWrites.Chunk(1000))
        {
            var ids = new BsonArray(chunk.Select(p => p.Key));
            Dictionary<ObjectId, BsonDocument> stored = (await users.Find(new BsonDocument("_id", new BsonDocument("$in", ids))).ToListAsync())
                .ToDictionary(d => d["_id"].AsObjectId);
            foreach ((ObjectId id, string expected) in chunk)
            {
                string? actual = stored.TryGetValue(id, out BsonDocument? d) && d.TryGetValue("displayName", out BsonValue v) && v.IsString ? v.AsString : null;
                if (actual != expected)
                {
                    lost++;
                    if (samples.Count < 5)
                    {
                        samples.Add($"{id}: expected '{expected}', found '{actual ?? "(missing)"}'");
                    }
                }
            }
        }

        long missing = await users.CountDocumentsAsync(new BsonDocument("displayName", new BsonDocument("$exists", false)));
        long oldLeft = await users.CountDocumentsAsync(new BsonDocument("fullName", new BsonDocument("$exists", true)));
        return new FinalCheck(lost, missing, oldLeft, samples);
    }
}
