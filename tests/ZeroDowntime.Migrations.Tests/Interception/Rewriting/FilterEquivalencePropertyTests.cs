using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MongoDB.Bson;
using MongoDB.Driver;
using Xunit.Abstractions;
using Xunit.Sdk;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Tests.Interception.Rewriting;

/// <summary>
/// The rewriters' contract, checked on the server: over a collection in mixed state, a rewritten filter (and count, and
/// a sort behind the coalesce stage) returns exactly the documents the original returns over the same collection fully
/// migrated (every document's new field set to value(d), the old field removed).
/// </summary>
public sealed class FilterEquivalencePropertyTests(MongoDatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<MongoDatabaseFixture>
{
    private const int Filters = 20;
    private static readonly TestMigration Rename = TestMigration.Rename("fullName", "displayName");
    private static readonly TestMigration Cents = TestMigration.Cents("price", "cents");

    [Property(MaxTest = 50, Arbitrary = [typeof(Scenarios)])]
    public void Rename_RewrittenReadsOverMixedCollection_MatchReadsOverMigratedCollection(RenameScenario scenario) =>
        Check(scenario.Value, Rename);

    [Property(MaxTest = 30, Arbitrary = [typeof(Scenarios)])]
    public void ConvertWithForwardExpression_RewrittenReadsOverMixedCollection_MatchReadsOverMigratedCollection(CentsScenario scenario) =>
        Check(scenario.Value, Cents);

    [Fact]
    public void Regression_ConvertAllOfNullOnDocumentWithNeitherField_MatchesLikeMissing() => Check(
        new EquivalenceScenario(
            [
                BsonDocument.Parse("{ _id: 1 }"),
                BsonDocument.Parse("{ _id: 2, price: 3 }"),
                BsonDocument.Parse("{ _id: 3, cents: null }"),
                BsonDocument.Parse("{ _id: 4, price: null }"),
            ],
            [BsonDocument.Parse("{ cents: { $all: [null] } }"), BsonDocument.Parse("{ cents: { $all: [null, null] } }")],
            []),
        Cents);

    private void Check(EquivalenceScenario scenario, IFieldMigration migration)
    {
        var stopwatch = Stopwatch.StartNew();
        ActiveMigration[] active = [new(migration, MigrationPhase.Backfill)];
        IMongoCollection<BsonDocument> mixed = fixture.NewCollection<BsonDocument>("mixed");
        IMongoCollection<BsonDocument> migrated = fixture.NewCollection<BsonDocument>("migrated");
        try
        {
            mixed.InsertMany(scenario.Documents.Select(d => d.DeepClone().AsBsonDocument));
            migrated.InsertMany(scenario.Documents.Select(d => Migrate(d, migration)));
            int checkedFilters = 0;
            int refused = 0;
            foreach (BsonDocument filter in scenario.Filters)
            {
                BsonDocument rewritten;
                try
                {
                    rewritten = FilterRewriter.Rewrite(filter, active);
                }
                catch (MigrationNotSupportedException) when (migration.Kind == FieldMigrationKind.Convert)
                {
                    refused++;
                    continue;
                }

                List<int> expected = Ids(migrated.Find(filter).ToList());
                List<int> actual = Ids(mixed.Find(rewritten).ToList());
                long count = mixed.CountDocuments(rewritten);
                if (!expected.SequenceEqual(actual) || count != expected.Count)
                {
                    Fail(scenario, "find/count", filter, rewritten, expected, actual, count);
                }

                checkedFilters++;
            }

            foreach (BsonDocument sort in scenario.Sorts)
            {
                Assert.True(SortRewriter.NeedsCoalescing(sort, active) || !sort.Names.Any(n => FieldPaths.IsRelated(n, migration.NewPath)));
                List<int> expected = Ids(migrated.Aggregate<BsonDocument>(new[] { new BsonDocument("$sort", sort) }).ToList(), sorted: false);
                List<int> actual = Ids(mixed.Aggregate<BsonDocument>(PipelineRewriter.Rewrite([new BsonDocument("$sort", sort)], active)).ToList(), sorted: false);
                if (!expected.SequenceEqual(actual))
                {
                    Fail(scenario, "sort", sort, CoalesceStage.Create(active)!, expected, actual, actual.Count);
                }
            }

            output.WriteLine($"{scenario}: {checkedFilters} filters checked, {refused} refused, {stopwatch.ElapsedMilliseconds} ms");
        }
        finally
        {
            fixture.Database.DropCollection(mixed.CollectionNamespace.CollectionName);
            fixture.Database.DropCollection(migrated.CollectionNamespace.CollectionName);
        }
    }

    /// <summary>The document as it is once the migration is complete: new = value(d), old removed.</summary>
    internal static BsonDocument Migrate(BsonDocument document, IFieldMigration migration)
    {
        var copy = (BsonDocument)document.DeepClone();
        if (copy.TryGetValue(migration.OldPath, out BsonValue? old))
        {
            if (!copy.Contains(migration.NewPath))
            {
                copy[migration.NewPath] = migration.Forward(old);
            }

            copy.Remove(migration.OldPath);
        }

        return copy;
    }

    private static List<int> Ids(List<BsonDocument> documents, bool sorted = true)
    {
        List<int> ids = [.. documents.Select(d => d["_id"].AsInt32)];
        if (sorted)
        {
            ids.Sort();
        }

        return ids;
    }

    private static void Fail(EquivalenceScenario scenario, string what, BsonDocument query, BsonDocument rewritten, List<int> expected, List<int> actual, long count) =>
        throw new XunitException($"""
            {what} differs between the migrated collection and the rewritten query over the mixed collection.
            Collection (mixed state): {scenario.CollectionJson()}
            Query: {EquivalenceScenario.ToJson(query)}
            Rewritten (or coalesce stage): {EquivalenceScenario.ToJson(rewritten)}
            Expected ids (migrated): [{string.Join(", ", expected)}]
            Actual ids (mixed, rewritten): [{string.Join(", ", actual)}] (count {count})
            """);

    /// <summary>Wrappers so that each property gets the arbitrary of its own migration.</summary>
    public sealed record RenameScenario(EquivalenceScenario Value)
    {
        public override string ToString() => Value.ToString();
    }

    public sealed record CentsScenario(EquivalenceScenario Value)
    {
        public override string ToString() => Value.ToString();
    }

    public static class Scenarios
    {
        public static Arbitrary<RenameScenario> RenameScenarios() => Arb.From(
            EquivalenceScenario.Generate(Rename, ["displayName", "displayName", "displayName", "displayName.x", "age", "tags"], Filters, convert: false)
                .Select(s => new RenameScenario(s)));

        public static Arbitrary<CentsScenario> CentsScenarios() => Arb.From(
            EquivalenceScenario.Generate(Cents, ["cents", "cents", "cents", "age"], Filters, convert: true)
                .Select(s => new CentsScenario(s)));
    }
}
