using System.Diagnostics.Metrics;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Attributes;
using ZeroDowntime.Migrations.Interception.Serialization;
using ZeroDowntime.Migrations.Phases;
using ZeroDowntime.Migrations.Tests.Interception.Collection;

namespace ZeroDowntime.Migrations.Tests.Telemetry;

public sealed class CoalescedReadsMetricTests
{
    private static readonly IFieldMigration<MetricUser> Migration;

    // Registered before anything can look up MetricUser's serializer.
    static CoalescedReadsMetricTests() => Migration = Register();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Deserialize_OldShapeBeforeSwitchRead_CountsOneCoalescedReadPerDocument(bool binary)
    {
        var counted = new List<(long Value, string? Migration)>();
        using MeterListener listener = Listen(counted);
        using (PhaseContext.Enter(new TestPhaseSource(MigrationPhase.Backfill)))
        {
            Read(new BsonDocument { { "_id", 1 }, { "fullName", "Ada" } }, binary);
            Read(new BsonDocument { { "_id", 2 }, { "fullName", "Ada" }, { "displayName", "Ada" } }, binary);
            Read(new BsonDocument { { "_id", 3 }, { "displayName", "Alan" } }, binary);
        }

        using (PhaseContext.Enter(new TestPhaseSource(MigrationPhase.SwitchRead)))
        {
            Read(new BsonDocument { { "_id", 4 }, { "fullName", "Grace" } }, binary);
        }

        (long value, string? migration) = Assert.Single(counted);
        Assert.Equal((1L, Migration.Id), (value, migration));
    }

    private static void Read(BsonDocument document, bool binary)
    {
        if (binary)
        {
            BsonSerializer.Deserialize<MetricUser>(document.ToBson());
        }
        else
        {
            using var reader = new BsonDocumentReader(document);
            BsonSerializer.Deserialize<MetricUser>(reader);
        }
    }

    private static MeterListener Listen(List<(long, string?)> counted)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "ZeroDowntime.Migrations" && instrument.Name == "zdm.reads.coalesced")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? migration = null;
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                migration = tag.Key == "zdm.migration" ? tag.Value as string : migration;
            }

            if (migration == Migration.Id)
            {
                lock (counted)
                {
                    counted.Add((value, migration));
                }
            }
        });
        listener.Start();
        return listener;
    }

    private static IFieldMigration<MetricUser> Register()
    {
        var builder = new FieldMigrationBuilder<MetricUser>("metric-user-displayname");
        builder.InCollection("users").Rename("fullName", u => u.DisplayName);
        IFieldMigration<MetricUser> migration = FieldMigrationDescriptor<MetricUser>.Create(builder);
        TypeMigrations.Register(migration);
        return migration;
    }

    public sealed class MetricUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }
}
