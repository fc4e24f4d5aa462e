using BenchmarkDotNet.Attributes;
using EmbeddedMongo;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Collection;
using ZeroDowntime.Migrations.Interception.Serialization;

namespace ZeroDowntime.Migrations.Benchmarks.Interception;

/// <summary>
/// A find of 1,000 dual-written documents through the decorator against the same find on the undecorated collection
/// (issue target: ≤ 1.25×). Both use the type's (global) migration serializer; the difference is the decorator.
/// </summary>
[MemoryDiagnoser]
public class DecoratedFindBenchmarks
{
    private EmbeddedMongoServer server = null!;
    private MongoClient client = null!;
    private IMongoCollection<FindUser> plain = null!;
    private IMongoCollection<FindUser> decorated = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var migration = FieldMigrationDescriptor<FindUser>.Create(new FieldMigrationBuilder<FindUser>("bench-find").InCollection("users").Rename("fullName", u => u.DisplayName));
        TypeMigrations.Register(migration);
        server = await EmbeddedMongoServer.StartAsync();
        client = new MongoClient(server.ConnectionString);
        IMongoDatabase database = client.GetDatabase("bench");
        await database.GetCollection<BsonDocument>("users").InsertManyAsync(Enumerable.Range(0, 1000).Select(i => new BsonDocument
        {
            { "fullName", $"User {i}" },
            { "displayName", $"User {i}" },
            { "email", $"user{i}@example.com" },
            { "age", i % 90 },
        }));
        plain = database.GetCollection<FindUser>("users");
        decorated = new MigratingCollection<FindUser>(plain, [migration], new BenchmarkPhases(MigrationPhase.Backfill));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public int Undecorated() => plain.Find(u => u.Age >= 0).ToList().Count;

    [Benchmark]
    public int Decorated() => decorated.Find(u => u.Age >= 0).ToList().Count;

    public sealed class FindUser
    {
        public ObjectId Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";

        [BsonElement("email")]
        public string Email { get; set; } = "";

        [BsonElement("age")]
        public int Age { get; set; }
    }
}
