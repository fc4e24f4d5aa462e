using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Bson.Serialization.Serializers;
using ZeroDowntime.Migrations.Interception.Serialization;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Benchmarks.Serialization;

/// <summary>
/// The migration serializer (rename <c>fullName</c> → <c>displayName</c>, phase DualWrite) against the plain class-map
/// serializer of an identical class. Like the driver, one binary reader reads a batch of documents (a cursor batch) and
/// one binary writer writes a batch (an insert), both over the driver's <see cref="ByteBufferStream"/>; results are per
/// document.
/// Run: dotnet run -c Release --project tests/ZeroDowntime.Migrations.Benchmarks -- --filter '*Serializer*' --job short
/// (prefix ZDM_BENCH_CLOCK=thread-cpu on a shared machine: see <see cref="SharedMachineConfig"/>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SharedMachineConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SerializerBenchmarks
{
    private const int Batch = 100;
    private static readonly string[] Names = Enumerable.Range(0, Batch).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private readonly ByteBufferStream output = new(new ByteArrayBuffer(new byte[64 * 1024], 0, isReadOnly: false));
    private BsonClassMapSerializer<PlainUser> plain = null!;
    private IBsonSerializer<MigratedUser> migrating = null!;
    private NaiveReference naive = null!;
    private byte[] newShape = null!;
    private byte[] dualWritten = null!;
    private byte[] oldShape = null!;
    private PlainUser[] plainUsers = null!;
    private MigratedUser[] migratedUsers = null!;

    [GlobalSetup]
    public void Setup()
    {
        TypeMigrations.Register(FieldMigrationDescriptor<MigratedUser>.Create(
            new FieldMigrationBuilder<MigratedUser>("benchmark-rename").InCollection("users").Rename("fullName", u => u.DisplayName)));
        PhaseContext.SetFallback(new FixedPhase(MigrationPhase.DualWrite));
        plain = new BsonClassMapSerializer<PlainUser>(BsonClassMap.LookupClassMap(typeof(PlainUser)));
        migrating = BsonSerializer.LookupSerializer<MigratedUser>();
        naive = new NaiveReference((MigratingSerializer<MigratedUser>)migrating);

        newShape = BatchOf(i => User(i).Add("displayName", "User " + i).Add("email", $"user{i}@example.com").Add("age", 20 + i).Add("createdAt", Created(i)));
        // As the migrating serializer writes it in DualWrite: the old element after the others.
        dualWritten = BatchOf(i => User(i).Add("displayName", "User " + i).Add("email", $"user{i}@example.com").Add("age", 20 + i).Add("createdAt", Created(i)).Add("fullName", "User " + i));
        oldShape = BatchOf(i => User(i).Add("fullName", "User " + i).Add("email", $"user{i}@example.com").Add("age", 20 + i).Add("createdAt", Created(i)));
        plainUsers = Enumerable.Range(0, Batch).Select(i => new PlainUser { Id = ObjectId.GenerateNewId(), DisplayName = "User " + i, Email = $"user{i}@example.com", Age = 20 + i, CreatedAt = Created(i) }).ToArray();
        migratedUsers = plainUsers.Select(u => new MigratedUser { Id = u.Id, DisplayName = u.DisplayName, Email = u.Email, Age = u.Age, CreatedAt = u.CreatedAt }).ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Deserialize")]
    public object ClassMap_NewShape() => ReadBatch(plain, newShape);

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Deserialize")]
    public object Migrating_NewShape() => ReadBatch(migrating, newShape);

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Deserialize")]
    public object Migrating_DualWritten() => ReadBatch(migrating, dualWritten);

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Deserialize")]
    public object Migrating_OldShape() => ReadBatch(migrating, oldShape);

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Deserialize")]
    public object Naive_NewShape() => ReadBatch(naive, newShape);

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Deserialize")]
    public object Naive_DualWritten() => ReadBatch(naive, dualWritten);

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Deserialize")]
    public object Naive_OldShape() => ReadBatch(naive, oldShape);

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Serialize")]
    public long ClassMap_Write() => WriteBatch(plain, plainUsers);

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Serialize")]
    public long Migrating_DualWrite() => WriteBatch(migrating, migratedUsers);

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("Serialize")]
    public long Naive_DualWrite() => WriteBatch(naive, migratedUsers);

    private static BsonDocument User(int i) => new("_id", ObjectId.GenerateNewId());

    private static DateTime Created(int i) => new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i);

    /// <summary>A document whose elements are the batch's documents, as a cursor batch array carries them.</summary>
    private static byte[] BatchOf(Func<int, BsonDocument> document)
    {
        var batch = new BsonDocument();
        for (int i = 0; i < Batch; i++)
        {
            batch.Add(Names[i], document(i));
        }

        return batch.ToBson();
    }

    private static object ReadBatch<T>(IBsonSerializer<T> serializer, byte[] bytes)
    {
        object? last = null;
        using var stream = new ByteBufferStream(new ByteArrayBuffer(bytes, isReadOnly: true));
        using var reader = new BsonBinaryReader(stream);
        BsonDeserializationContext context = BsonDeserializationContext.CreateRoot(reader);
        reader.ReadStartDocument();
        while (reader.ReadBsonType() != BsonType.EndOfDocument)
        {
            reader.SkipName();
            last = serializer.Deserialize(context);
        }

        reader.ReadEndDocument();
        return last!;
    }

    private long WriteBatch<T>(IBsonSerializer<T> serializer, T[] values)
    {
        output.Position = 0;
        using var writer = new BsonBinaryWriter(output);
        BsonSerializationContext context = BsonSerializationContext.CreateRoot(writer);
        writer.WriteStartDocument();
        for (int i = 0; i < values.Length; i++)
        {
            writer.WriteName(Names[i]);
            serializer.Serialize(context, values[i]);
        }

        writer.WriteEndDocument();
        return output.Position;
    }

    public sealed class PlainUser
    {
        public ObjectId Id { get; set; }

        [BsonElement("displayName")]
        public string? DisplayName { get; set; }

        [BsonElement("email")]
        public string? Email { get; set; }

        [BsonElement("age")]
        public int Age { get; set; }

        [BsonElement("createdAt")]
        public DateTime CreatedAt { get; set; }
    }

    public sealed class MigratedUser
    {
        public ObjectId Id { get; set; }

        [BsonElement("displayName")]
        public string? DisplayName { get; set; }

        [BsonElement("email")]
        public string? Email { get; set; }

        [BsonElement("age")]
        public int Age { get; set; }

        [BsonElement("createdAt")]
        public DateTime CreatedAt { get; set; }
    }

    private sealed class FixedPhase(MigrationPhase phase) : IPhaseSource
    {
        public MigrationPhase GetPhase(IFieldMigration migration) => phase;
    }

    /// <summary>The migration serializer forced onto its naive (BsonDocument) path, for reference.</summary>
    private sealed class NaiveReference(MigratingSerializer<MigratedUser> serializer) : SerializerBase<MigratedUser>
    {
        public override MigratedUser Deserialize(BsonDeserializationContext context, BsonDeserializationArgs args)
        {
            context.Reader.GetCurrentBsonType();
            return serializer.DeserializeNaive(context, args);
        }

        public override void Serialize(BsonSerializationContext context, BsonSerializationArgs args, MigratedUser value) =>
            serializer.SerializeNaive(context, args, value);
    }
}
