using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Collection;
using ZeroDowntime.Migrations.Interception.Serialization;

namespace ZeroDowntime.Migrations.Tests.Interception.Collection;

/// <summary>
/// <see cref="MigratingCollection{TDocument}"/> end to end through the real driver: V1 documents are written as raw
/// <see cref="BsonDocument"/>s with only the old fields (as V1 code would), the application works through the decorator
/// with the V2 class, and raw reads check what V1 code would see. Three rename migrations on one class: a string
/// (<c>fullName</c> → <c>displayName</c>), a number (<c>score</c> → <c>points</c>) and an array (<c>labels</c> → <c>tags</c>).
/// </summary>
public sealed partial class MigratingCollectionTests : IClassFixture<MongoDatabaseFixture>
{
    private static readonly IFieldMigration[] Migrations;

    private readonly TestPhaseSource phases = new();
    private readonly IMongoCollection<BsonDocument> raw;
    private readonly IMongoCollection<User> undecorated;
    private readonly IMongoCollection<User> users;

    // An explicit static constructor runs before the first instance is created, so the serializer is registered before
    // GetCollection<User> looks it up (a field initializer alone may run later, on first access of the field).
    static MigratingCollectionTests()
    {
        Migrations = Register();
    }

    public MigratingCollectionTests(MongoDatabaseFixture fixture)
    {
        string name = "users_" + Guid.NewGuid().ToString("N")[..8];
        raw = fixture.Database.GetCollection<BsonDocument>(name);
        undecorated = fixture.Database.GetCollection<User>(name);
        users = new MigratingCollection<User>(undecorated, Migrations, phases);
    }

    /// <summary>The V2 model: it maps only the new element names.</summary>
    [BsonIgnoreExtraElements]
    public sealed class User
    {
        public ObjectId Id { get; set; }

        [BsonElement("displayName")]
        public string? DisplayName { get; set; }

        [BsonElement("points")]
        public int Points { get; set; }

        [BsonElement("tags")]
        public List<string>? Tags { get; set; }

        [BsonElement("age")]
        public int Age { get; set; }
    }

    private static IFieldMigration[] Register()
    {
        var migrations = new IFieldMigration<User>[]
        {
            FieldMigrationDescriptor<User>.Create(new FieldMigrationBuilder<User>("collection-tests-displayname").InCollection("users").Rename("fullName", u => u.DisplayName)),
            FieldMigrationDescriptor<User>.Create(new FieldMigrationBuilder<User>("collection-tests-points").InCollection("users").Rename("score", u => u.Points)),
            FieldMigrationDescriptor<User>.Create(new FieldMigrationBuilder<User>("collection-tests-tags").InCollection("users").Rename("labels", u => u.Tags)),
        };
        foreach (IFieldMigration<User> migration in migrations)
        {
            TypeMigrations.Register(migration);
        }

        return migrations;
    }

    /// <summary>Inserts a document as V1 code writes it: only the old element names.</summary>
    private async Task<ObjectId> InsertV1Async(string fullName, int score = 0, int age = 0, params string[] labels)
    {
        var id = ObjectId.GenerateNewId();
        var document = new BsonDocument { { "_id", id }, { "fullName", fullName }, { "score", score }, { "age", age } };
        if (labels.Length > 0)
        {
            document.Add("labels", new BsonArray(labels));
        }

        await raw.InsertOneAsync(document);
        return id;
    }

    /// <summary>Inserts a document with only the new element names (as a migration after backfill and cleanup would leave it).</summary>
    private async Task<ObjectId> InsertV2OnlyAsync(string displayName, int points = 0, int age = 0)
    {
        var id = ObjectId.GenerateNewId();
        await raw.InsertOneAsync(new BsonDocument { { "_id", id }, { "displayName", displayName }, { "points", points }, { "age", age } });
        return id;
    }

    private Task<BsonDocument> RawAsync(ObjectId id) => raw.Find(new BsonDocument("_id", id)).SingleAsync();

    private static void AssertRefused(MigrationNotSupportedException e, string migrationId, MigrationPhase phase, string operation)
    {
        Assert.Equal(migrationId, e.MigrationId);
        Assert.Equal(phase, e.Phase);
        Assert.Contains(operation, e.Operation, StringComparison.Ordinal);
    }
}
