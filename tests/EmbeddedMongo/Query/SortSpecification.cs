using EmbeddedMongo.Aggregation;
using EmbeddedMongo.Aggregation.Expressions;
using EmbeddedMongo.Query.Sorting;
using MongoDB.Bson;

namespace EmbeddedMongo.Query;

/// <summary>
/// A parsed sort document ordering documents as MongoDB does (see <see cref="SortKeys"/>); an empty sort keeps the
/// input order. <see cref="Sort"/> precomputes the keys and is stable; <see cref="Compare"/> recomputes them.
/// </summary>
internal sealed class SortSpecification : IComparer<BsonDocument>, IComparer<SortEntry>
{
    private readonly SortField[] fields;

    private SortSpecification(BsonDocument sort, SortField[] fields)
    {
        Document = sort;
        this.fields = fields;
    }

    public BsonDocument Document { get; }

    public bool IsEmpty => fields.Length == 0;

    /// <summary>
    /// Whether this is plain <c>_id</c> order (the order of a collection scan): false for ascending or no sort, true for
    /// descending, null for any other sort.
    /// </summary>
    public bool? IdOrderDescending => fields switch
    {
        [] => false,
        [{ Name: "_id" } only] => !only.Ascending,
        _ => null,
    };

    public static SortSpecification Parse(BsonDocument sort)
    {
        var fields = new SortField[sort.ElementCount];
        for (int i = 0; i < fields.Length; i++)
        {
            BsonElement element = sort.GetElement(i);
            fields[i] = new SortField(element.Name, FieldPaths.Parse(element.Name), ParseDirection(element));
        }

        return new SortSpecification(sort, fields);
    }

    public int Compare(BsonDocument? x, BsonDocument? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        foreach (SortField field in fields)
        {
            int comparison = SortKeys.Compare(field.KeyOf(x), field.KeyOf(y));
            if (comparison != 0)
            {
                return field.Ascending ? comparison : -comparison;
            }
        }

        return 0;
    }

    public int Compare(SortEntry? x, SortEntry? y)
    {
        for (int i = 0; i < fields.Length; i++)
        {
            int comparison = SortKeys.Compare(x!.Keys[i], y!.Keys[i]);
            if (comparison != 0)
            {
                return fields[i].Ascending ? comparison : -comparison;
            }
        }

        return x!.Position.CompareTo(y!.Position);
    }

    /// <summary>Sorts stably; with <paramref name="limit"/> only the first documents are kept (a top-k heap).</summary>
    public List<BsonDocument> Sort(IEnumerable<BsonDocument> documents, long? limit = null)
    {
        if (IsEmpty)
        {
            return limit is long n ? documents.Take((int)Math.Min(n, int.MaxValue)).ToList() : documents.ToList();
        }

        long position = 0;
        if (limit is long k && k < 100_000)
        {
            return TopK(documents, (int)k);
        }

        var entries = new List<SortEntry>();
        foreach (BsonDocument document in documents)
        {
            entries.Add(ToEntry(document, position++));
        }

        entries.Sort(this);
        IEnumerable<SortEntry> sorted = limit is long max ? entries.Take((int)Math.Min(max, int.MaxValue)) : entries;
        return sorted.Select(entry => entry.Document).ToList();
    }

    private List<BsonDocument> TopK(IEnumerable<BsonDocument> documents, int k)
    {
        // A max-heap of the k best entries seen so far: its root is the worst one kept.
        var heap = new PriorityQueue<SortEntry, SortEntry>(Comparer<SortEntry>.Create((a, b) => Compare(b, a)));
        long position = 0;
        foreach (BsonDocument document in documents)
        {
            SortEntry entry = ToEntry(document, position++);
            if (heap.Count < k)
            {
                heap.Enqueue(entry, entry);
            }
            else if (k > 0 && Compare(entry, heap.Peek()) < 0)
            {
                heap.DequeueEnqueue(entry, entry);
            }
        }

        var result = new List<SortEntry>(heap.Count);
        while (heap.Count > 0)
        {
            result.Add(heap.Dequeue());
        }

        result.Reverse();
        return result.Select(entry => entry.Document).ToList();
    }

    private SortEntry ToEntry(BsonDocument document, long position)
    {
        var keys = new BsonValue[fields.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = fields[i].KeyOf(document);
        }

        return new SortEntry(document, keys, position);
    }

    private static bool ParseDirection(BsonElement element)
    {
        BsonValue value = element.Value;
        if (value.IsBsonDocument)
        {
            BsonDocument meta = value.AsBsonDocument;
            if (meta.ElementCount > 0 && meta.GetElement(0).Name == "$meta")
            {
                throw Errors.MongoCommandException.NotSupported("Sorting by $meta");
            }

            throw AggregationErrors.Fail(17312, "$meta is the only expression supported by $sort right now");
        }

        if (!NumberValues.IsNumber(value))
        {
            throw AggregationErrors.Fail(15974, $"Illegal key in $sort specification: {element.Name}: {value}");
        }

        double direction = NumberValues.ToDouble(value);
        return direction switch
        {
            1 => true,
            -1 => false,
            _ => throw AggregationErrors.Fail(15975, "$sort key ordering must be 1 (for ascending) or -1 (for descending)"),
        };
    }
}
