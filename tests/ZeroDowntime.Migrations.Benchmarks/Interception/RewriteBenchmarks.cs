using BenchmarkDotNet.Attributes;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Benchmarks.Interception;

/// <summary>
/// The cost of rewriting one request before it reaches the driver (issue target: ≤ 5 µs): a 5-predicate filter and a
/// 3-operator update, each touching the migrated field, with one rename migration in Backfill.
/// </summary>
[MemoryDiagnoser]
public class RewriteBenchmarks
{
    private static readonly ActiveMigration[] Active =
    [
        new(FieldMigrationDescriptor<RewriteUser>.Create(new FieldMigrationBuilder<RewriteUser>("bench-rename").InCollection("users").Rename("fullName", u => u.DisplayName)), MigrationPhase.Backfill),
    ];

    private readonly BsonDocument filter = BsonDocument.Parse(
        "{ displayName: 'Ada', age: { $gte: 18, $lt: 65 }, country: { $in: ['UK', 'FR'] }, active: true, email: { $exists: true } }");

    private readonly BsonDocument update = BsonDocument.Parse(
        "{ $set: { displayName: 'Ada Lovelace', updated: true }, $inc: { logins: 1 }, $unset: { nickname: '' } }");

    [Benchmark]
    public BsonDocument FiveClauseFilter() => FilterRewriter.Rewrite(filter, Active);

    [Benchmark]
    public BsonValue ThreeOperatorUpdate() => UpdateRewriter.Rewrite(update, filter, isUpsert: false, Active).Update;

    public sealed class RewriteUser
    {
        public ObjectId Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }
}
