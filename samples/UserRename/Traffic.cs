using System.Collections.Concurrent;
using MongoDB.Bson;
using MongoDB.Driver;

namespace UserRename;

/// <summary>
/// Live traffic for the whole story: writers rename the users they own and insert new ones; readers look users up
/// by name and count them. Each runs V1 or V2 code according to the <see cref="Deployment"/>. Every writer remembers
/// its last acknowledged write of each user, so lost writes can be counted at the end.
/// </summary>
public sealed class Traffic(
    IMongoCollection<UserV1> v1,
    IMongoCollection<UserV2> v2,
    Deployment deployment,
    TrafficStats stats,
    IReadOnlyList<ObjectId> seeded,
    int writers,
    int readers)
{
    private readonly ConcurrentDictionary<ObjectId, string> lastWrites = new();
    private readonly ConcurrentBag<ObjectId> inserted = [];

    /// <summary>The name each user must have at the end: the last acknowledged write of its owner.</summary>
    public IReadOnlyDictionary<ObjectId, string> LastWrites => lastWrites;

    public int Inserted => inserted.Count;

    public Task RunAsync(CancellationToken stop)
    {
        int instances = writers + readers;
        IEnumerable<Task> tasks = Enumerable.Range(0, writers).Select(w => Task.Run(() => WriterAsync(w, instances, stop)))
            .Concat(Enumerable.Range(0, readers).Select(r => Task.Run(() => ReaderAsync(writers + r, instances, stop))));
        return Task.WhenAll(tasks);
    }

    private async Task WriterAsync(int instance, int instances, CancellationToken stop)
    {
        var random = new Random(instance);
        List<ObjectId> owned = seeded.Where((_, i) => i % writers == instance).ToList();
        int sequence = 0;
        while (!stop.IsCancellationRequested)
        {
            string phase = deployment.Phase;
            bool v2Code = deployment.RunsV2(instance, instances);
            try
            {
                if (random.NextDouble() < 0.25)
                {
                    string name = $"New User {instance}-{sequence++}";
                    ObjectId id = ObjectId.GenerateNewId();
                    if (v2Code)
                    {
                        await v2.InsertOneAsync(new UserV2 { Id = id, DisplayName = name, Email = $"{id}@example.com" }, cancellationToken: CancellationToken.None);
                    }
                    else
                    {
                        await v1.InsertOneAsync(new UserV1 { Id = id, FullName = name, Email = $"{id}@example.com" }, cancellationToken: CancellationToken.None);
                    }

                    lastWrites[id] = name;
                    owned.Add(id);
                    inserted.Add(id);
                }
                else if (owned.Count > 0)
                {
                    ObjectId id = owned[random.Next(owned.Count)];
                    string name = $"Renamed {instance}-{sequence++}";
                    if (v2Code)
                    {
                        await v2.UpdateOneAsync(u => u.Id == id, Builders<UserV2>.Update.Set(u => u.DisplayName, name), cancellationToken: CancellationToken.None);
                    }
                    else
                    {
                        await v1.UpdateOneAsync(u => u.Id == id, Builders<UserV1>.Update.Set(u => u.FullName, name), cancellationToken: CancellationToken.None);
                    }

                    lastWrites[id] = name;
                }

                stats.Served(phase);
            }
            catch (Exception e) when (e is MongoException or TimeoutException or InvalidOperationException or ZeroDowntime.Migrations.ZeroDowntimeMigrationException)
            {
                stats.Failed(phase, e);
            }

            await Task.Delay(random.Next(2, 8), CancellationToken.None);
        }
    }

    private async Task ReaderAsync(int instance, int instances, CancellationToken stop)
    {
        var random = new Random(instance);
        while (!stop.IsCancellationRequested)
        {
            string phase = deployment.Phase;
            bool v2Code = deployment.RunsV2(instance, instances);
            try
            {
                if (random.NextDouble() < 0.9)
                {
                    ObjectId id = seeded[random.Next(seeded.Count)];
                    if (v2Code)
                    {
                        UserV2 user = await v2.Find(u => u.Id == id).FirstAsync(CancellationToken.None);
                        await v2.Find(u => u.DisplayName == user.DisplayName).Limit(1).ToListAsync(CancellationToken.None);
                    }
                    else
                    {
                        UserV1 user = await v1.Find(u => u.Id == id).FirstAsync(CancellationToken.None);
                        await v1.Find(u => u.FullName == user.FullName).Limit(1).ToListAsync(CancellationToken.None);
                    }
                }
                else
                {
                    _ = v2Code
                        ? await v2.CountDocumentsAsync(u => u.Email != "", cancellationToken: CancellationToken.None)
                        : await v1.CountDocumentsAsync(u => u.Email != "", cancellationToken: CancellationToken.None);
                }

                stats.Served(phase);
            }
            catch (Exception e) when (e is MongoException or TimeoutException or InvalidOperationException or ZeroDowntime.Migrations.ZeroDowntimeMigrationException)
            {
                stats.Failed(phase, e);
            }

            await Task.Delay(random.Next(5, 20), CancellationToken.None);
        }
    }
}
