using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MongoDB.Bson;
using MongoDB.Bson.IO;

namespace ZeroDowntime.Migrations.Tests.Interception.Rewriting;

/// <summary>One generated collection in mixed migration state, and the filters and sorts to evaluate against it.</summary>
public sealed record EquivalenceScenario(IReadOnlyList<BsonDocument> Documents, IReadOnlyList<BsonDocument> Filters, IReadOnlyList<BsonDocument> Sorts)
{
    private static readonly JsonWriterSettings Json = new() { OutputMode = JsonOutputMode.CanonicalExtendedJson };

    public static string ToJson(BsonValue value) => value.ToJson(Json);

    /// <summary>The collection as JSON lines, ready to paste into a regression test.</summary>
    public string CollectionJson()
    {
        var text = new StringBuilder("[\n");
        foreach (BsonDocument document in Documents)
        {
            text.Append("  ").Append(ToJson(document)).Append(",\n");
        }

        return text.Append(']').ToString();
    }

    public override string ToString() => $"{Documents.Count} documents, {Filters.Count} filters, {Sorts.Count} sorts";

    internal static Gen<EquivalenceScenario> Generate(IFieldMigration migration, string[] fields, int filters, bool convert) =>
        from count in Gen.Choose(15, 30)
        from documents in Gen.CollectToList(Enumerable.Range(0, count).Select(id => FilterGrammar.Document(id, migration.OldPath, migration.NewPath)))
        from generated in FilterGrammar.Filter(2, fields, convert).ListOf(filters)
        from sorts in Sort(fields).ListOf(4)
        select new EquivalenceScenario(documents, [.. generated], [.. sorts]);

    private static Gen<BsonDocument> Sort(string[] fields) =>
        from first in Gen.Elements(fields)
        from direction in Gen.Elements(1, -1)
        from second in Gen.Elements(fields.Append("_id").ToArray())
        from direction2 in Gen.Elements(1, -1)
        select second == first || second == "_id"
            ? new BsonDocument { { first, direction }, { "_id", 1 } }
            : new BsonDocument { { first, direction }, { second, direction2 }, { "_id", 1 } };
}
