using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using ZeroDowntime.Migrations.Interception.Serialization;
using ZeroDowntime.Migrations.Phases;
using static ZeroDowntime.Migrations.Tests.Interception.Serialization.SerializerPaths;

namespace ZeroDowntime.Migrations.Tests.Interception.Serialization;

/// <summary>A rename out of an embedded document (<c>profile.name</c> → <c>displayName</c>): the naive path does it.</summary>
public sealed class MigratingSerializerDottedPathTests
{
    private static readonly ObjectId Id = ObjectId.Parse("65f000000000000000000005");

    static MigratingSerializerDottedPathTests() => TypeMigrations.Register(FieldMigrationDescriptor<DottedUser>.Create(
        new FieldMigrationBuilder<DottedUser>("serializer-dotted").InCollection("c").Rename("profile.name", u => u.DisplayName)));

    [Theory]
    [InlineData(MigrationPhase.DualWrite, "Ada")]
    [InlineData(MigrationPhase.Backfill, "Ada")]
    [InlineData(MigrationPhase.SwitchRead, null)]
    [InlineData(MigrationPhase.Completed, null)]
    public void Deserialize_OldEmbeddedOnly_FollowsTheReadRules(MigrationPhase phase, string? expected)
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(phase);
        var document = new BsonDocument { { "_id", Id }, { "profile", new BsonDocument { { "name", "Ada" }, { "city", "Paris" } } } };

        DottedUser user = ReadBytes<DottedUser>(document);

        Assert.Equal(expected, user.DisplayName);
        Assert.Equal("Paris", user.Profile?.City);
        Assert.Equal(Members(user), Members(ReadDocument<DottedUser>(document)));
    }

    [Fact]
    public void Deserialize_NewAndOldEmbedded_KeepsNew()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);

        DottedUser user = ReadBytes<DottedUser>(new BsonDocument { { "_id", Id }, { "displayName", "New" }, { "profile", new BsonDocument("name", "Old") } });

        Assert.Equal("New", user.DisplayName);
    }

    [Fact]
    public void TryDeserializeFast_DottedOldPath_Declines()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);

        Assert.False(TryReadFast(new BsonDocument { { "_id", Id }, { "profile", new BsonDocument("name", "Ada") } }, out DottedUser _));
    }

    [Fact]
    public void Serialize_DualWrite_WritesOldInsideEmbeddedDocument()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);

        BsonDocument written = WriteBytes(new DottedUser { Id = Id, DisplayName = "Ada", Profile = new DottedProfile { City = "Paris" } });

        Assert.Equal(
            new BsonDocument { { "_id", Id }, { "displayName", "Ada" }, { "profile", new BsonDocument { { "city", "Paris" }, { "name", "Ada" } } } },
            written);
    }

    public sealed class DottedUser
    {
        public ObjectId Id { get; set; }

        [BsonElement("displayName")]
        public string? DisplayName { get; set; }

        [BsonElement("profile")]
        public DottedProfile? Profile { get; set; }
    }

    public sealed class DottedProfile
    {
        [BsonElement("city")]
        public string? City { get; set; }
    }
}
