using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Bson.Serialization.IdGenerators;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Serialization;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Tests.Interception.Serialization;

/// <summary>The serializer as the driver uses it: inserts, finds, id generation, typed and LINQ filters, null members.</summary>
public sealed class MigratingSerializerDriverTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    static MigratingSerializerDriverTests() => TypeMigrations.Register(FieldMigrationDescriptor<DriverUser>.Create(
        new FieldMigrationBuilder<DriverUser>("serializer-driver").InCollection("c").Rename("fullName", u => u.DisplayName)));

    [Fact]
    public async Task InsertOne_NewDocumentInDualWrite_GeneratesIdAndStoresBothFields()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);
        IMongoCollection<DriverUser> users = fixture.NewCollection<DriverUser>();
        var user = new DriverUser { DisplayName = "Ada", Email = "ada@example.com" };

        await users.InsertOneAsync(user);

        Assert.NotEqual(ObjectId.Empty, user.Id);
        BsonDocument stored = await Raw(users).Find(FilterDefinition<BsonDocument>.Empty).SingleAsync();
        Assert.Equal(new BsonDocument { { "_id", user.Id }, { "displayName", "Ada" }, { "email", "ada@example.com" }, { "fullName", "Ada" } }, stored);
    }

    [Fact]
    public async Task Find_StoredShapesInDualWrite_CoalescedThroughTheWireReader()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);
        IMongoCollection<DriverUser> users = fixture.NewCollection<DriverUser>();
        await Raw(users).InsertManyAsync(
        [
            new BsonDocument { { "_id", IdOf(1) }, { "fullName", "Old" } },
            new BsonDocument { { "_id", IdOf(2) }, { "displayName", "New" } },
            new BsonDocument { { "_id", IdOf(3) }, { "fullName", "Old" }, { "displayName", "Both" } },
            new BsonDocument { { "_id", IdOf(4) }, { "email", "none@example.com" } },
        ]);

        List<DriverUser> found = await users.Find(FilterDefinition<DriverUser>.Empty).SortBy(u => u.Id).ToListAsync();

        Assert.Equal(["Old", "New", "Both", null], found.Select(u => u.DisplayName));
        Assert.Equal("none@example.com", found[3].Email);
    }

    [Fact]
    public async Task Find_OldOnlyInSwitchRead_OldValueIgnored()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.SwitchRead);
        IMongoCollection<DriverUser> users = fixture.NewCollection<DriverUser>();
        await Raw(users).InsertOneAsync(new BsonDocument { { "_id", IdOf(1) }, { "fullName", "Old" } });

        DriverUser found = await users.Find(FilterDefinition<DriverUser>.Empty).SingleAsync();

        Assert.Null(found.DisplayName);
    }

    [Fact]
    public void Render_TypedAndLinqFilters_UseTheNewElementName()
    {
        var args = new RenderArgs<DriverUser>(BsonSerializer.LookupSerializer<DriverUser>(), BsonSerializer.SerializerRegistry);

        BsonDocument typed = Builders<DriverUser>.Filter.Eq(u => u.DisplayName, "a").Render(args);
        BsonDocument linq = Builders<DriverUser>.Filter.Where(u => u.DisplayName == "a").Render(args);

        Assert.Equal(new BsonDocument("displayName", "a"), typed);
        Assert.Equal(new BsonDocument("displayName", "a"), linq);
    }

    [Fact]
    public void GetDocumentId_MigratingSerializer_ForwardsTheClassMapIdMember()
    {
        var provider = Assert.IsAssignableFrom<IBsonIdProvider>(BsonSerializer.LookupSerializer<DriverUser>());
        var user = new DriverUser();

        Assert.True(provider.GetDocumentId(user, out object id, out Type idType, out IIdGenerator generator));
        provider.SetDocumentId(user, ObjectId.Parse("65f000000000000000000007"));

        Assert.Equal(ObjectId.Empty, id);
        Assert.Equal(typeof(ObjectId), idType);
        Assert.IsType<ObjectIdGenerator>(generator);
        Assert.Equal(ObjectId.Parse("65f000000000000000000007"), user.Id);
    }

    [Theory]
    [InlineData(MigrationPhase.DualWrite)]
    [InlineData(MigrationPhase.Completed)]
    public void SerializeThenDeserialize_NullDocumentMember_RoundTripsAsNull(MigrationPhase phase)
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(phase);

        byte[] bytes = new DriverUserHolder { User = null }.ToBson();
        DriverUserHolder back = BsonSerializer.Deserialize<DriverUserHolder>(bytes);
        DriverUserHolder backFromDocument = BsonSerializer.Deserialize<DriverUserHolder>(BsonSerializer.Deserialize<BsonDocument>(bytes));

        Assert.Equal(new BsonDocument("user", BsonNull.Value), BsonSerializer.Deserialize<BsonDocument>(bytes));
        Assert.Null(back.User);
        Assert.Null(backFromDocument.User);
    }

    [Fact]
    public void Deserialize_EmbeddedOldShapeDocument_ScannedInPlaceAndCoalesced()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);
        var holder = new BsonDocument { { "before", new BsonDocument("fullName", "not me") }, { "user", new BsonDocument { { "_id", IdOf(9) }, { "fullName", "Ada" } } } };

        DriverUserHolder back = BsonSerializer.Deserialize<DriverUserHolder>(holder.ToBson());

        Assert.Equal("Ada", back.User?.DisplayName);
        Assert.Equal(IdOf(9), back.User?.Id);
    }

    [Fact]
    public void Serialize_EmbeddedDocumentInDualWrite_OldElementAppendedInsideItAndParentStaysWellFormed()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);
        var holder = new DriverUserHolder { User = new DriverUser { Id = IdOf(10), DisplayName = "Ada" }, After = 7 };

        BsonDocument written = BsonSerializer.Deserialize<BsonDocument>(holder.ToBson());

        Assert.Equal(
            new BsonDocument { { "user", new BsonDocument { { "_id", IdOf(10) }, { "displayName", "Ada" }, { "fullName", "Ada" } } }, { "after", 7 } },
            written);
    }

    [Fact]
    public void Serialize_DocumentsInAnArrayInDualWrite_EachGetsItsOldElement()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);
        var list = new DriverUserList { Users = [new DriverUser { Id = IdOf(12), DisplayName = "A" }, new DriverUser { Id = IdOf(13), DisplayName = "B" }] };

        BsonDocument written = BsonSerializer.Deserialize<BsonDocument>(list.ToBson());

        Assert.Equal(["A", "B"], written["users"].AsBsonArray.Select(u => u["fullName"].AsString));
        Assert.Equal(["A", "B"], BsonSerializer.Deserialize<DriverUserList>(written.ToBson()).Users!.Select(u => u.DisplayName));
    }

    [Fact]
    public void Serialize_NullDocumentAtRootOfValue_WritesNull()
    {
        var document = new BsonDocument();
        using var writer = new BsonDocumentWriter(document);
        writer.WriteStartDocument();
        writer.WriteName("user");

        BsonSerializer.LookupSerializer<DriverUser>().Serialize(BsonSerializationContext.CreateRoot(writer), null!);
        writer.WriteEndDocument();

        Assert.Equal(new BsonDocument("user", BsonNull.Value), document);
    }

    private static ObjectId IdOf(int n) => ObjectId.Parse($"65f0000000000000000001{n:x2}");

    private IMongoCollection<BsonDocument> Raw(IMongoCollection<DriverUser> users) =>
        fixture.Database.GetCollection<BsonDocument>(users.CollectionNamespace.CollectionName);

    public sealed class DriverUser
    {
        public ObjectId Id { get; set; }

        [BsonElement("displayName")]
        public string? DisplayName { get; set; }

        [BsonElement("email")]
        [BsonIgnoreIfNull]
        public string? Email { get; set; }
    }

    public sealed class DriverUserList
    {
        [BsonElement("users")]
        public List<DriverUser>? Users { get; set; }
    }

    [BsonIgnoreExtraElements]
    public sealed class DriverUserHolder
    {
        [BsonElement("user")]
        public DriverUser? User { get; set; }

        [BsonElement("after")]
        [BsonIgnoreIfDefault]
        public int After { get; set; }
    }
}
