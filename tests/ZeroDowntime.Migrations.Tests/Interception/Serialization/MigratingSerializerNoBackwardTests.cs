using System.Globalization;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Attributes;
using ZeroDowntime.Migrations.Interception.Serialization;
using ZeroDowntime.Migrations.Phases;
using static ZeroDowntime.Migrations.Tests.Interception.Serialization.SerializerPaths;

namespace ZeroDowntime.Migrations.Tests.Interception.Serialization;

/// <summary>A convert without backward (<c>scoreText</c> → <c>score</c>): reads work, dual writes are refused.</summary>
public sealed class MigratingSerializerNoBackwardTests
{
    private const string MigrationId = "serializer-no-backward";
    private static readonly ObjectId Id = ObjectId.Parse("65f000000000000000000003");

    static MigratingSerializerNoBackwardTests() => TypeMigrations.Register(FieldMigrationDescriptor<ScoreDocument>.Create(
        new FieldMigrationBuilder<ScoreDocument>(MigrationId).InCollection("c")
            .Convert("scoreText", d => d.Score, v => new BsonInt32(int.Parse(v.AsString, CultureInfo.InvariantCulture)))));

    [Theory]
    [InlineData(MigrationPhase.DualWrite)]
    [InlineData(MigrationPhase.Backfill)]
    [InlineData(MigrationPhase.SwitchRead)]
    public void Serialize_NewValueBeforeCompleted_RefusesNamingTheMigration(MigrationPhase phase)
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(phase);
        var document = new ScoreDocument { Id = Id, Score = 5 };

        var refused = Assert.Throws<MigrationNotSupportedException>(() => document.ToBson());

        Assert.Equal(MigrationId, refused.MigrationId);
        Assert.Equal(phase, refused.Phase);
        Assert.Contains("backward", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrySerializeFast_NoBackwardBeforeCompleted_DeclinesWithoutWriting()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);
        var stream = new MemoryStream();
        using var writer = new BsonBinaryWriter(stream);

        bool handled = Serializer<ScoreDocument>().TrySerializeFast(
            BsonSerializationContext.CreateRoot(writer), new BsonSerializationArgs(typeof(ScoreDocument), false, false), new ScoreDocument { Score = 5 });

        Assert.False(handled);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Serialize_NewValueIgnoredAsNull_IsAccepted()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);

        BsonDocument written = WriteBytes(new ScoreDocument { Id = Id, Score = null });

        Assert.Equal(new BsonDocument("_id", Id), written);
    }

    [Fact]
    public void Serialize_Completed_WritesOnlyNewElement()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.Completed);

        BsonDocument written = WriteAllWays(new ScoreDocument { Id = Id, Score = 5 });

        Assert.Equal(new BsonDocument { { "_id", Id }, { "score", 5 } }, written);
    }

    [Fact]
    public void Deserialize_OldOnlyDualWrite_ConvertsForward()
    {
        using PhaseContext.Scope scope = TestPhaseSource.Enter(MigrationPhase.DualWrite);

        BsonDocument members = ReadAllWays<ScoreDocument>(new BsonDocument { { "_id", Id }, { "scoreText", "17" } });

        Assert.Equal(17, members["score"].AsInt32);
    }

    public sealed class ScoreDocument
    {
        public ObjectId Id { get; set; }

        [BsonElement("score")]
        [BsonIgnoreIfNull]
        public int? Score { get; set; }
    }
}
