using System.Globalization;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using ZeroDowntime.Migrations.Interception.Serialization;
using ZeroDowntime.Migrations.Phases;
using static ZeroDowntime.Migrations.Tests.Interception.Serialization.SerializerPaths;

namespace ZeroDowntime.Migrations.Tests.Interception.Serialization;

/// <summary>
/// A convert on the root of a class hierarchy: the discriminator look-up reads ahead with a bookmark and returns,
/// and the subclass's own class map reads and writes through the migrating reader and writer.
/// </summary>
public sealed class MigratingSerializerPolymorphismTests
{
    private static readonly ObjectId Id = ObjectId.Parse("65f000000000000000000006");
    private static int forwardCalls;

    static MigratingSerializerPolymorphismTests() => TypeMigrations.Register(FieldMigrationDescriptor<PolyUser>.Create(
        new FieldMigrationBuilder<PolyUser>("serializer-polymorphism").InCollection("c").Convert("ageText", u => u.Age, Forward,
            v => v.AsInt32.ToString(CultureInfo.InvariantCulture))));

    [Fact]
    public void Deserialize_DiscriminatorAfterOldElement_SubclassGetsConvertedValueOnce()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);
        var document = new BsonDocument { { "_id", Id }, { "ageText", "3" }, { "level", 9 }, { "_t", new BsonArray { "PolyUser", "PolyAdmin" } } };
        int before = Volatile.Read(ref forwardCalls);

        PolyUser user = ReadFast<PolyUser>(document);

        PolyAdmin admin = Assert.IsType<PolyAdmin>(user);
        Assert.Equal(3, admin.Age);
        Assert.Equal(9, admin.Level);
        Assert.Equal(before + 1, Volatile.Read(ref forwardCalls));
        Assert.Equal(Members(ReadNaive<PolyUser>(document)), Members(user));
    }

    [Fact]
    public void Deserialize_SubclassDocumentInSwitchRead_OldHiddenOnEveryPath()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.SwitchRead);
        var document = new BsonDocument { { "_id", Id }, { "ageText", "3" }, { "age", 4 }, { "level", 9 }, { "_t", new BsonArray { "PolyUser", "PolyAdmin" } } };

        BsonDocument members = ReadAllWays<PolyUser>(document);

        Assert.IsType<PolyAdmin>(ReadFastInPlace<PolyUser>(document));
        Assert.Equal(4, members["age"].AsInt32);
        Assert.Equal(9, members["level"].AsInt32);
    }

    [Fact]
    public void Deserialize_RootTypeDocument_Converts()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.Backfill);

        BsonDocument members = ReadAllWays<PolyUser>(new BsonDocument { { "_id", Id }, { "_t", "PolyUser" }, { "ageText", "5" } });

        Assert.Equal(5, members["age"].AsInt32);
    }

    [Fact]
    public void Serialize_SubclassAsRoot_DualWritesThroughSubclassClassMap()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);

        BsonDocument written = WriteAllWays<PolyUser>(new PolyAdmin { Id = Id, Age = 3, Level = 9 });

        Assert.Equal(
            new BsonDocument { { "_t", new BsonArray { "PolyUser", "PolyAdmin" } }, { "_id", Id }, { "age", 3 }, { "level", 9 }, { "ageText", "3" } },
            written);
    }

    private static BsonValue Forward(BsonValue old)
    {
        Interlocked.Increment(ref forwardCalls);
        return new BsonInt32(int.Parse(old.AsString, CultureInfo.InvariantCulture));
    }

    [BsonDiscriminator(RootClass = true)]
    [BsonKnownTypes(typeof(PolyAdmin))]
    public class PolyUser
    {
        public ObjectId Id { get; set; }

        [BsonElement("age")]
        public int Age { get; set; }
    }

    public sealed class PolyAdmin : PolyUser
    {
        [BsonElement("level")]
        public int Level { get; set; }
    }
}
