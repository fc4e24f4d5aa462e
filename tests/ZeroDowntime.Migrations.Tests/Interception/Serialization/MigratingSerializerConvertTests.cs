using System.Globalization;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using ZeroDowntime.Migrations.Interception.Serialization;
using ZeroDowntime.Migrations.Phases;
using static ZeroDowntime.Migrations.Tests.Interception.Serialization.SerializerPaths;

namespace ZeroDowntime.Migrations.Tests.Interception.Serialization;

/// <summary>
/// Two converts on one type: <c>ageText</c> (string) → <c>age</c> (int) and <c>tagList</c> ("a,b") → <c>tags</c>
/// (array, so the converted value is structured on reads and copied on writes).
/// </summary>
public sealed class MigratingSerializerConvertTests
{
    private static readonly ObjectId Id = ObjectId.Parse("65f000000000000000000002");
    private static int forwardCalls;

    static MigratingSerializerConvertTests()
    {
        TypeMigrations.Register(FieldMigrationDescriptor<ConvertUser>.Create(new FieldMigrationBuilder<ConvertUser>("serializer-convert-age")
            .InCollection("c").Convert("ageText", u => u.Age, AgeForward, v => v.IsBsonNull ? v : v.AsInt32.ToString(CultureInfo.InvariantCulture))));
        TypeMigrations.Register(FieldMigrationDescriptor<ConvertUser>.Create(new FieldMigrationBuilder<ConvertUser>("serializer-convert-tags")
            .InCollection("c").Convert("tagList", u => u.Tags, v => new BsonArray(v.AsString.Split(',')), v => string.Join(',', v.AsBsonArray.Select(t => t.AsString)))));
    }

    [Theory]
    [InlineData(MigrationPhase.DualWrite)]
    [InlineData(MigrationPhase.Backfill)]
    public void Deserialize_OldOnlyBeforeSwitchRead_ConvertsForward(MigrationPhase phase)
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(phase);

        BsonDocument members = ReadAllWays<ConvertUser>(new BsonDocument { { "_id", Id }, { "ageText", "42" }, { "tagList", "a,b" }, { "name", "Ada" } });

        Assert.Equal(42, members["age"].AsInt32);
        Assert.Equal(new BsonArray { "a", "b" }, members["tags"]);
        Assert.Equal("Ada", members["name"].AsString);
    }

    [Theory]
    [InlineData(MigrationPhase.SwitchRead)]
    [InlineData(MigrationPhase.Completed)]
    public void Deserialize_OldOnlyFromSwitchRead_DropsOldWithoutConverting(MigrationPhase phase)
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(phase);
        int before = Volatile.Read(ref forwardCalls);

        BsonDocument members = ReadAllWays<ConvertUser>(new BsonDocument { { "_id", Id }, { "ageText", "42" }, { "tagList", "a,b" } });

        Assert.Equal(-1, members["age"].AsInt32);
        Assert.Equal(BsonNull.Value, members["tags"]);
        Assert.Equal(before, Volatile.Read(ref forwardCalls));
    }

    [Theory]
    [InlineData(MigrationPhase.DualWrite)]
    [InlineData(MigrationPhase.SwitchRead)]
    public void Deserialize_BothPresent_KeepsNewValues(MigrationPhase phase)
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(phase);

        BsonDocument members = ReadAllWays<ConvertUser>(new BsonDocument
        {
            { "_id", Id }, { "tagList", "x,y" }, { "age", 7 }, { "ageText", "42" }, { "tags", new BsonArray { "a" } },
        });

        Assert.Equal(7, members["age"].AsInt32);
        Assert.Equal(new BsonArray { "a" }, members["tags"]);
    }

    [Fact]
    public void Deserialize_OneOldOneNew_ConvertsOnlyTheMissingOne()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);

        BsonDocument members = ReadAllWays<ConvertUser>(new BsonDocument { { "_id", Id }, { "age", 7 }, { "ageText", "42" }, { "tagList", "p,q,r" } });

        Assert.Equal(7, members["age"].AsInt32);
        Assert.Equal(new BsonArray { "p", "q", "r" }, members["tags"]);
    }

    [Fact]
    public void Deserialize_OldNull_ForwardSeesNull()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);

        BsonDocument members = ReadAllWays<ConvertUser>(new BsonDocument { { "_id", Id }, { "ageText", BsonNull.Value } });

        Assert.Equal(BsonNull.Value, members["age"]);
    }

    [Fact]
    public void Deserialize_ForwardThrows_BothPathsThrowTheSame()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);
        var document = new BsonDocument { { "_id", Id }, { "ageText", "not a number" } };

        Exception fast = Assert.ThrowsAny<Exception>(() => ReadFast<ConvertUser>(document));
        Exception naive = Assert.ThrowsAny<Exception>(() => ReadNaive<ConvertUser>(document));

        Assert.IsType<FormatException>(fast);
        Assert.Equal(naive.GetType(), fast.GetType());
    }

    [Theory]
    [InlineData(MigrationPhase.DualWrite)]
    [InlineData(MigrationPhase.SwitchRead)]
    public void Serialize_BeforeCompleted_WritesBackwardOfEachNewValue(MigrationPhase phase)
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(phase);

        BsonDocument written = WriteAllWays(new ConvertUser { Id = Id, Age = 42, Tags = ["a", "b"], Name = "Ada" });

        Assert.Equal(
            new BsonDocument { { "_id", Id }, { "age", 42 }, { "tags", new BsonArray { "a", "b" } }, { "name", "Ada" }, { "ageText", "42" }, { "tagList", "a,b" } },
            written);
    }

    [Fact]
    public void Serialize_NullNewValues_BackwardSeesNull()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);

        BsonDocument written = WriteAllWays(new ConvertUser { Id = Id, Age = null, Tags = [] });

        Assert.Equal(BsonNull.Value, written["ageText"]);
        Assert.Equal("", written["tagList"].AsString);
    }

    [Fact]
    public void Serialize_Completed_WritesOnlyNewElements()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.Completed);

        BsonDocument written = WriteAllWays(new ConvertUser { Id = Id, Age = 42, Tags = ["a"] });

        Assert.Equal(["_id", "age", "tags", "name"], written.Names);
    }

    private static BsonValue AgeForward(BsonValue old)
    {
        Interlocked.Increment(ref forwardCalls);
        return old.IsBsonNull ? old : new BsonInt32(int.Parse(old.AsString, CultureInfo.InvariantCulture));
    }

    public sealed class ConvertUser
    {
        public ObjectId Id { get; set; }

        [BsonElement("age")]
        [BsonDefaultValue(-1)]
        public int? Age { get; set; }

        [BsonElement("tags")]
        public List<string>? Tags { get; set; }

        [BsonElement("name")]
        public string? Name { get; set; }
    }
}
