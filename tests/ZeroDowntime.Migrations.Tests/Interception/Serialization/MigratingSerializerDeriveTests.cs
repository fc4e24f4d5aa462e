using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using ZeroDowntime.Migrations.Interception.Serialization;
using ZeroDowntime.Migrations.Phases;
using static ZeroDowntime.Migrations.Tests.Interception.Serialization.SerializerPaths;

namespace ZeroDowntime.Migrations.Tests.Interception.Serialization;

/// <summary>A derive (<c>ownerId</c> → <c>ownerName</c>): the serializer leaves the source element and the documents alone.</summary>
public sealed class MigratingSerializerDeriveTests
{
    private static readonly ObjectId Id = ObjectId.Parse("65f000000000000000000004");
    private static readonly ObjectId Owner = ObjectId.Parse("65f0000000000000000000aa");

    static MigratingSerializerDeriveTests() => TypeMigrations.Register(FieldMigrationDescriptor<ProjectDocument>.Create(
        new FieldMigrationBuilder<ProjectDocument>("serializer-derive").InCollection("c").Derive<OwnerNames>("ownerId", p => p.OwnerName)));

    [Theory]
    [InlineData(MigrationPhase.DualWrite)]
    [InlineData(MigrationPhase.SwitchRead)]
    [InlineData(MigrationPhase.Completed)]
    public void Deserialize_SourceOnly_SourceUntouchedAndNothingDerived(MigrationPhase phase)
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(phase);

        BsonDocument members = ReadAllWays<ProjectDocument>(new BsonDocument { { "_id", Id }, { "ownerId", Owner } });

        Assert.Equal(Owner, members["ownerId"].AsObjectId);
        Assert.Equal(BsonNull.Value, members["ownerName"]);
    }

    [Fact]
    public void Deserialize_SourceAndDerived_BothKept()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.Backfill);

        BsonDocument members = ReadAllWays<ProjectDocument>(new BsonDocument { { "_id", Id }, { "ownerName", "Ada" }, { "ownerId", Owner } });

        Assert.Equal(Owner, members["ownerId"].AsObjectId);
        Assert.Equal("Ada", members["ownerName"].AsString);
    }

    [Theory]
    [InlineData(MigrationPhase.DualWrite)]
    [InlineData(MigrationPhase.Completed)]
    public void Serialize_AnyPhase_WritesTheClassMapShapeOnly(MigrationPhase phase)
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(phase);

        BsonDocument written = WriteAllWays(new ProjectDocument { Id = Id, OwnerId = Owner, OwnerName = "Ada" });

        Assert.Equal(new BsonDocument { { "_id", Id }, { "ownerId", Owner }, { "ownerName", "Ada" } }, written);
    }

    public sealed class ProjectDocument
    {
        public ObjectId Id { get; set; }

        [BsonElement("ownerId")]
        public ObjectId OwnerId { get; set; }

        [BsonElement("ownerName")]
        public string? OwnerName { get; set; }
    }

    private sealed class OwnerNames : IDerivedValueResolver
    {
        public Task<IReadOnlyDictionary<BsonValue, BsonValue>> ResolveAsync(IReadOnlyList<BsonValue> keys, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<BsonValue, BsonValue>>(new Dictionary<BsonValue, BsonValue>());
    }
}
