using System.Globalization;
using FsCheck.Xunit;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using ZeroDowntime.Migrations.Interception.Serialization;
using ZeroDowntime.Migrations.Phases;
using static ZeroDowntime.Migrations.Tests.Interception.Serialization.SerializerPaths;

namespace ZeroDowntime.Migrations.Tests.Interception.Serialization;

/// <summary>
/// For generated documents, values and phases: the fast path, the naive path and the document-reader path agree,
/// and all follow DESIGN §4 (value = new if present, even null; else forward(old) before SwitchRead).
/// </summary>
public sealed class MigratingSerializerPropertyTests
{
    private const string Missing = "<missing>";
    private static readonly ObjectId Id = ObjectId.Parse("65f000000000000000000008");

    static MigratingSerializerPropertyTests()
    {
        TypeMigrations.Register(FieldMigrationDescriptor<PropertyUser>.Create(
            new FieldMigrationBuilder<PropertyUser>("serializer-property-rename").InCollection("c").Rename("fullName", u => u.DisplayName)));
        TypeMigrations.Register(FieldMigrationDescriptor<PropertyUser>.Create(
            new FieldMigrationBuilder<PropertyUser>("serializer-property-convert").InCollection("c").Convert("ageText", u => u.Age,
                v => v.IsBsonNull ? v : new BsonInt32(int.Parse(v.AsString.TrimEnd('y'), CultureInfo.InvariantCulture)),
                v => v.IsBsonNull ? v : new BsonString(AgeText(v.AsInt32)))));
    }

    [Property(MaxTest = 300)]
    public void Deserialize_GeneratedShapeAndPhase_AllPathsAgreeWithTheRules(
        byte phaseSeed, bool hasOld, string? oldName, bool hasNew, string? newName, int? oldAge, int? newAge, bool hasOldAge, bool hasNewAge, int order)
    {
        MigrationPhase phase = Phase(phaseSeed);
        using PhaseContext.Scope scope = TestPhaseSource.Enter(phase);
        var elements = new List<BsonElement> { new("_id", Id), new("email", "e@x") };
        var random = new Random(order);
        void Place(bool present, string name, BsonValue value)
        {
            if (present)
            {
                elements.Insert(random.Next(elements.Count + 1), new BsonElement(name, value));
            }
        }

        Place(hasOld, "fullName", Bson(oldName));
        Place(hasNew, "displayName", Bson(newName));
        Place(hasOldAge, "ageText", oldAge is null ? BsonNull.Value : AgeText(oldAge.Value));
        Place(hasNewAge, "age", Bson(newAge));

        BsonDocument members = ReadAllWays<PropertyUser>(new BsonDocument(elements));

        bool coalesces = phase < MigrationPhase.SwitchRead;
        Assert.Equal(hasNew ? Bson(newName) : hasOld && coalesces ? Bson(oldName) : Missing, members["displayName"]);
        Assert.Equal(hasNewAge ? Bson(newAge) : hasOldAge && coalesces ? Bson(oldAge) : -1, members["age"]);
        Assert.Equal("e@x", members["email"].AsString);
    }

    [Property(MaxTest = 300)]
    public void Serialize_GeneratedValuesAndPhase_FastEqualsNaiveAndDualWritesBeforeCompleted(
        byte phaseSeed, string? displayName, int? age, string? email)
    {
        MigrationPhase phase = Phase(phaseSeed);
        using PhaseContext.Scope scope = TestPhaseSource.Enter(phase);
        var user = new PropertyUser { Id = Id, DisplayName = displayName, Age = age, Email = email };

        BsonDocument written = WriteAllWays(user);

        bool dualWrites = phase < MigrationPhase.Completed;
        Assert.Equal(dualWrites, written.Contains("fullName"));
        Assert.Equal(dualWrites, written.Contains("ageText"));
        if (dualWrites)
        {
            Assert.Equal(written["displayName"], written["fullName"]);
            Assert.Equal(age is null ? BsonNull.Value : AgeText(age.Value), written["ageText"]);
        }

        Assert.Equal(Members(user), Members(ReadBytes<PropertyUser>(written)));
    }

    // Not plain digits: the class map would read "42" into an int by itself and hide a missing conversion.
    private static string AgeText(int age) => age.ToString(CultureInfo.InvariantCulture) + "y";

    private static MigrationPhase Phase(byte seed) => (MigrationPhase)(1 + (seed % 4));

    private static BsonValue Bson(string? value) => value is null ? BsonNull.Value : new BsonString(value);

    private static BsonValue Bson(int? value) => value is null ? BsonNull.Value : new BsonInt32(value.Value);

    public sealed class PropertyUser
    {
        public ObjectId Id { get; set; }

        [BsonElement("displayName")]
        [BsonDefaultValue(Missing)]
        public string? DisplayName { get; set; }

        [BsonElement("age")]
        [BsonDefaultValue(-1)]
        public int? Age { get; set; }

        [BsonElement("email")]
        public string? Email { get; set; }
    }
}
