using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using ZeroDowntime.Migrations.Interception.Serialization;
using ZeroDowntime.Migrations.Phases;
using static ZeroDowntime.Migrations.Tests.Interception.Serialization.SerializerPaths;

namespace ZeroDowntime.Migrations.Tests.Interception.Serialization;

/// <summary>A rename (<c>fullName</c> → <c>displayName</c>) in every phase and document shape, on every path.</summary>
public sealed class MigratingSerializerRenameTests
{
    private const string Missing = "<missing>";
    private static readonly ObjectId Id = ObjectId.Parse("65f000000000000000000001");

    static MigratingSerializerRenameTests() => TypeMigrations.Register(FieldMigrationDescriptor<RenameUser>.Create(
        new FieldMigrationBuilder<RenameUser>("serializer-rename-tests").InCollection("c").Rename("fullName", u => u.DisplayName)));

    public static TheoryData<MigrationPhase, string, string?> ReadCases()
    {
        var data = new TheoryData<MigrationPhase, string, string?>();
        foreach (MigrationPhase phase in Enum.GetValues<MigrationPhase>())
        {
            bool coalesces = phase < MigrationPhase.SwitchRead;
            data.Add(phase, "old only", coalesces ? "old" : Missing);
            data.Add(phase, "old null", coalesces ? null : Missing);
            data.Add(phase, "new only", "new");
            data.Add(phase, "new null", null);
            data.Add(phase, "old then new", "new");
            data.Add(phase, "new then old", "new");
            data.Add(phase, "old last", coalesces ? "old" : Missing);
            data.Add(phase, "neither", Missing);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReadCases))]
    public void Deserialize_PhaseAndShape_FollowsTheReadRules(MigrationPhase phase, string shape, string? expected)
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(phase);

        BsonDocument members = ReadAllWays<RenameUser>(Shape(shape));

        Assert.Equal(expected is null ? BsonNull.Value : new BsonString(expected), members["displayName"]);
        Assert.Equal("a@b.c", members["email"].AsString);
        Assert.Equal(42, members["age"].AsInt32);
        Assert.Equal(Id, members["_id"].AsObjectId);
    }

    [Theory]
    [InlineData(MigrationPhase.DualWrite)]
    [InlineData(MigrationPhase.Backfill)]
    [InlineData(MigrationPhase.SwitchRead)]
    public void Serialize_BeforeCompleted_WritesOldElementLast(MigrationPhase phase)
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(phase);

        BsonDocument written = WriteAllWays(new RenameUser { Id = Id, DisplayName = "Ada", Email = "a@b.c", Age = 42 });

        Assert.Equal(
            new BsonDocument { { "_id", Id }, { "displayName", "Ada" }, { "email", "a@b.c" }, { "age", 42 }, { "manager", BsonNull.Value }, { "fullName", "Ada" } },
            written);
    }

    [Fact]
    public void Serialize_Completed_WritesOnlyNewElement()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.Completed);

        BsonDocument written = WriteAllWays(new RenameUser { Id = Id, DisplayName = "Ada", Email = "a@b.c", Age = 42 });

        Assert.Equal(new BsonDocument { { "_id", Id }, { "displayName", "Ada" }, { "email", "a@b.c" }, { "age", 42 }, { "manager", BsonNull.Value } }, written);
    }

    [Fact]
    public void Serialize_NullNewValue_WritesNullOldValue()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);

        BsonDocument written = WriteAllWays(new RenameUser { Id = Id, DisplayName = null });

        Assert.Equal(BsonNull.Value, written["displayName"]);
        Assert.Equal(BsonNull.Value, written["fullName"]);
        Assert.Equal(written.ElementCount - 1, written.IndexOfName("fullName"));
    }

    [Fact]
    public void SerializeThenDeserialize_DualWrittenDocument_RoundTrips()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.Backfill);
        var user = new RenameUser { Id = Id, DisplayName = "Ada", Email = "a@b.c", Age = 7, Manager = new RenameManager { FullName = "Boss" } };

        RenameUser back = ReadBytes<RenameUser>(WriteBytes(user));

        Assert.Equal(Members(user), Members(back));
    }

    [Fact]
    public void Deserialize_NestedElementWithOldName_IsLeftAlone()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);
        var document = new BsonDocument { { "_id", Id }, { "manager", new BsonDocument("fullName", "Boss") }, { "fullName", "Ada" } };

        BsonDocument members = ReadAllWays<RenameUser>(document);

        Assert.Equal("Boss", members["manager"]["fullName"].AsString);
        Assert.Equal("Ada", members["displayName"].AsString);
    }

    [Fact]
    public void Serialize_NestedElementWithNewName_IsNotDualWritten()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);

        BsonDocument written = WriteAllWays(new RenameUser { Id = Id, DisplayName = "Ada", Manager = new RenameManager { FullName = "Boss", DisplayName = "B" } });

        Assert.Equal(new BsonDocument { { "fullName", "Boss" }, { "displayName", "B" } }, written["manager"].AsBsonDocument);
    }

    [Fact]
    public void Deserialize_UnknownElement_StillRejectedByTheClassMap()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);
        var document = new BsonDocument { { "_id", Id }, { "fullName", "Ada" }, { "nickname", "A" } };

        Exception fast = Assert.ThrowsAny<Exception>(() => ReadFast<RenameUser>(document));
        Exception naive = Assert.ThrowsAny<Exception>(() => ReadNaive<RenameUser>(document));

        Assert.Equal(naive.GetType(), fast.GetType());
        Assert.Contains("Element 'nickname' does not match", fast.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_OldElementRepeated_RejectedOnEveryPath()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);
        var document = new BsonDocument(allowDuplicateNames: true) { { "_id", Id }, { "fullName", "a" }, { "fullName", "b" } };

        Exception wrapped = Assert.ThrowsAny<FormatException>(() => ReadFast<RenameUser>(document));
        Exception copied = Assert.ThrowsAny<FormatException>(() => ReadFastInPlace<RenameUser>(document));
        Exception naive = Assert.ThrowsAny<InvalidOperationException>(() => ReadNaive<RenameUser>(document));

        Assert.Contains("Element 'fullName' does not match", wrapped.Message, StringComparison.Ordinal);
        Assert.Contains("Element 'fullName' does not match", copied.Message, StringComparison.Ordinal);
        Assert.Contains("fullName", naive.Message, StringComparison.Ordinal);
    }

    private static BsonDocument Shape(string shape)
    {
        var document = new BsonDocument { { "_id", Id }, { "email", "a@b.c" } };
        switch (shape)
        {
            case "old only": document.Add("fullName", "old"); break;
            case "old null": document.Add("fullName", BsonNull.Value); break;
            case "new only": document.Add("displayName", "new"); break;
            case "new null": document.Add("displayName", BsonNull.Value).Add("fullName", "old"); break;
            case "old then new": document.Add("fullName", "old").Add("displayName", "new"); break;
            case "new then old": document.Add("displayName", "new").Add("fullName", "old"); break;
            case "old last": document.Add("age", 42).Add("fullName", "old"); return document;
            case "neither": break;
            default: throw new ArgumentOutOfRangeException(nameof(shape), shape, null);
        }

        return document.Add("age", 42);
    }

    public sealed class RenameUser
    {
        public ObjectId Id { get; set; }

        [BsonElement("displayName")]
        [BsonDefaultValue(Missing)]
        public string? DisplayName { get; set; }

        [BsonElement("email")]
        public string? Email { get; set; }

        [BsonElement("age")]
        public int Age { get; set; }

        [BsonElement("manager")]
        public RenameManager? Manager { get; set; }
    }

    public sealed class RenameManager
    {
        [BsonElement("fullName")]
        public string? FullName { get; set; }

        [BsonElement("displayName")]
        [BsonIgnoreIfNull]
        public string? DisplayName { get; set; }
    }
}
