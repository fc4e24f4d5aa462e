using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Tests.Infrastructure;

namespace ZeroDowntime.Migrations.Tests.Backfill;

public sealed class BackfillTelemetryTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string MigrationId = "telemetry-user-displayname";
    private const string Secret = "SECRET-VALUE-123";

    [Fact]
    public async Task Backfill_Meters_CountDocumentsBatchesAndPoison()
    {
        using var meters = new MigrationMeters(MigrationId);
        await using JobScope scope = Scope(o =>
        {
            o.Backfill.BatchSize = 10;
            o.Backfill.PoisonPolicy = PoisonDocumentPolicy.SkipAndReport;
        });
        await JobScope.SeedAsync(scope.Collection("users"), Enumerable.Range(1, 45).Select(i => new BsonDocument { { "_id", i }, { "fullName", i == 9 ? "poison" : $"name {i}" } }));
        await scope.StartBackfillAsync(MigrationId);

        await scope.RunBackfillAsync(MigrationId);

        // The first pass reads 45 documents; the sweep reads the poison document again.
        Assert.Equal(46, meters.Sum("zdm.job.documents.processed"));
        Assert.Equal(44, meters.Sum("zdm.job.documents.converted"));
        Assert.Equal(1, meters.Sum("zdm.job.documents.poison"));
        Assert.Equal(6, meters.Count("zdm.job.batch.duration"));
        Assert.All(meters.Tags("zdm.job.documents.processed"), t => Assert.Equal("backfill", t["zdm.job"]));
    }

    [Fact]
    public async Task Backfill_Spans_OneBatchSpanPerBatchTaggedWithMigrationAndJob()
    {
        await using JobScope scope = Scope(o => o.Backfill.BatchSize = 10);
        await JobScope.SeedAsync(scope.Collection("users"), Enumerable.Range(1, 45).Select(i => new BsonDocument { { "_id", i }, { "fullName", $"name {i}" } }));
        await scope.StartBackfillAsync(MigrationId);
        using var observer = new BatchObserver(MigrationId);

        await scope.RunBackfillAsync(MigrationId);

        Assert.Equal([10, 10, 10, 10, 5], observer.BatchSizes);
        Assert.All(observer.Spans, s => Assert.Equal("backfill", s.GetTagItem("zdm.job")));
        Assert.All(observer.Spans, s => Assert.Equal(ActivityKind.Internal, s.Kind));
        Assert.DoesNotContain(observer.Spans.SelectMany(s => s.TagObjects), t => t.Value?.ToString()?.Contains("name ", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Backfill_Logs_NameDocumentIdsButNeverFieldValues()
    {
        await using JobScope scope = Scope(
            o =>
            {
                o.Backfill.BatchSize = 10;
                o.Backfill.PoisonPolicy = PoisonDocumentPolicy.SkipAndReport;
            },
            forward: v => v.AsString.StartsWith("poison", StringComparison.Ordinal) ? throw new FormatException($"cannot convert '{v}'") : v);
        IMongoCollection<BsonDocument> users = scope.Collection("users");
        await JobScope.SeedAsync(users, Enumerable.Range(1, 40).Select(i => new BsonDocument { { "_id", i }, { "fullName", i == 13 ? $"poison {Secret}" : $"{Secret}-{i}" } }));
        await scope.StartBackfillAsync(MigrationId);
        using var observer = new BatchObserver(MigrationId, batch =>
        {
            if (batch == 2)
            {
                users.UpdateOne(new BsonDocument("_id", 4), new BsonDocument("$set", new BsonDocument("fullName", $"{Secret} by V1")));
            }
        });

        await scope.RunBackfillAsync(MigrationId);

        string logs = scope.Logs.Text;
        Assert.Contains("document 13", logs, StringComparison.Ordinal);
        Assert.Contains("(e.g. 4)", logs, StringComparison.Ordinal);
        Assert.Contains(MigrationId, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfill_FailsOnAWriteError_LogsAndRecordsItWithoutFieldValues()
    {
        using var meters = new MigrationMeters(MigrationId);
        await using JobScope scope = Scope(forward: v => v);
        IMongoCollection<BsonDocument> users = scope.Collection("users");
        await users.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(new BsonDocument("displayName", 1), new CreateIndexOptions { Unique = true, Sparse = true }));
        await users.InsertManyAsync([new BsonDocument { { "_id", 1 }, { "fullName", Secret } }, new BsonDocument { { "_id", 2 }, { "fullName", Secret } }]);
        await scope.StartBackfillAsync(MigrationId);

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(MigrationId);

        Assert.Equal(MigrationJobOutcome.Failed, outcome);
        JobProgress progress = await scope.BackfillAsync(MigrationId);
        Assert.Contains("11000", progress.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, progress.LastError, StringComparison.Ordinal);
        Assert.Contains(scope.Logs.Lines, l => l.Contains("failed", StringComparison.Ordinal) && l.Contains(MigrationId, StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, scope.Logs.Text, StringComparison.Ordinal);
        Assert.Equal(1, meters.Sum("zdm.job.errors"));
    }

    private JobScope Scope(Action<ZeroDowntimeMigrationsOptions>? configure = null, Func<BsonValue, BsonValue>? forward = null) =>
        new(fixture, b => b.AddFieldMigration<TelemetryUser>(MigrationId, m => m.InCollection("users").Convert(
            "fullName",
            u => u.DisplayName,
            forward ?? (v => v.AsString == "poison" ? throw new FormatException("poison") : v))), configure);

    /// <summary>Collects the library's measurements of one migration.</summary>
    private sealed class MigrationMeters : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements = new();

        public MigrationMeters(string migrationId)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "ZeroDowntime.Migrations")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(migrationId, instrument, value, tags));
            listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(migrationId, instrument, value, tags));
            listener.Start();
        }

        public double Sum(string instrument) => measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);

        public int Count(string instrument) => measurements.Count(m => m.Instrument == instrument);

        public IEnumerable<Dictionary<string, object?>> Tags(string instrument) => measurements.Where(m => m.Instrument == instrument).Select(m => m.Tags);

        public void Dispose() => listener.Dispose();

        private void Record(string migrationId, Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var dictionary = new Dictionary<string, object?>();
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                dictionary[tag.Key] = tag.Value;
            }

            if (dictionary.TryGetValue("zdm.migration", out object? id) && id as string == migrationId)
            {
                measurements.Enqueue((instrument.Name, value, dictionary));
            }
        }
    }

    public sealed class TelemetryUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }
}
