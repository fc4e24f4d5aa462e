using EmbeddedMongo.Bson;
using MongoDB.Bson;

namespace EmbeddedMongo.Storage;

/// <summary>
/// The documents of a collection ordered by <c>_id</c> (a balanced tree), so look-ups and <c>_id</c> range scans
/// cost O(log n) to start whatever the collection's size.
/// </summary>
internal sealed class IdIndex
{
    private readonly SortedSet<Entry> entries = new(EntryComparer.Instance);

    public int Count => entries.Count;

    public bool TryGet(BsonValue id, out BsonDocument document)
    {
        if (entries.TryGetValue(Entry.Probe(id), out Entry? entry))
        {
            document = entry.Document;
            return true;
        }

        document = null!;
        return false;
    }

    public bool Add(BsonDocument document) => entries.Add(new Entry(document["_id"], document, 0));

    /// <summary>Swaps in a new version of a stored document with the same <c>_id</c>.</summary>
    public void Replace(BsonDocument document)
    {
        if (!entries.TryGetValue(Entry.Probe(document["_id"]), out Entry? entry))
        {
            throw new InvalidOperationException("Replacing a document that is not stored.");
        }

        entry.Document = document;
    }

    public bool Remove(BsonValue id) => entries.Remove(Entry.Probe(id));

    /// <summary>All documents in <c>_id</c> order.</summary>
    public IEnumerable<BsonDocument> All(bool descending = false) =>
        (descending ? entries.Reverse() : entries).Select(e => e.Document);

    /// <summary>The documents whose <c>_id</c> lies in <paramref name="range"/>, lazily, in <c>_id</c> order.</summary>
    public IEnumerable<BsonDocument> Scan(IdRange range, bool descending = false)
    {
        if (range.Points is { } points)
        {
            IEnumerable<BsonValue> ordered = descending ? points.OrderByDescending(p => p, BsonOrder.Comparer) : points.OrderBy(p => p, BsonOrder.Comparer);
            foreach (BsonValue point in ordered.Distinct(BsonValueEquality.Instance))
            {
                if (TryGet(point, out BsonDocument document))
                {
                    yield return document;
                }
            }

            yield break;
        }

        if (range.IsEverything)
        {
            foreach (BsonDocument document in All(descending))
            {
                yield return document;
            }

            yield break;
        }

        Entry lower = range.Lower is { } l ? new Entry(l.Value, null!, l.Inclusive ? -1 : 1) : Entry.BottomOfRank(range.AcrossBrackets ? int.MinValue : range.Rank);
        Entry upper = range.Upper is { } u ? new Entry(u.Value, null!, u.Inclusive ? 1 : -1) : Entry.TopOfRank(range.AcrossBrackets ? int.MaxValue : range.Rank);
        if (EntryComparer.Instance.Compare(lower, upper) > 0)
        {
            yield break;
        }

        SortedSet<Entry> view = entries.GetViewBetween(lower, upper);
        foreach (Entry entry in descending ? view.Reverse() : view)
        {
            yield return entry.Document;
        }
    }

    /// <summary>A stored document, or a probe: <see cref="Offset"/> places a probe just before (-1) or after (+1) its value.</summary>
    private sealed class Entry(BsonValue? id, BsonDocument document, int offset)
    {
        public BsonValue? Id { get; } = id;

        public BsonDocument Document { get; set; } = document;

        public int Offset { get; } = offset;

        /// <summary>For probes bounding a whole type bracket (Id is null).</summary>
        public int Rank { get; private init; }

        public static Entry Probe(BsonValue id) => new(id, null!, 0);

        public static Entry BottomOfRank(int rank) => new(null, null!, -1) { Rank = rank };

        public static Entry TopOfRank(int rank) => new(null, null!, 1) { Rank = rank };
    }

    private sealed class EntryComparer : IComparer<Entry>
    {
        public static readonly EntryComparer Instance = new();

        public int Compare(Entry? x, Entry? y)
        {
            // The common case, two stored ids of one type: compare them directly, computing no type brackets.
            if (x!.Id is { } a && y!.Id is { } b && a.BsonType == b.BsonType)
            {
                int sameType = a.BsonType switch
                {
                    BsonType.Int32 => ((BsonInt32)a).Value.CompareTo(((BsonInt32)b).Value),
                    BsonType.Int64 => ((BsonInt64)a).Value.CompareTo(((BsonInt64)b).Value),
                    BsonType.ObjectId => ((BsonObjectId)a).Value.CompareTo(((BsonObjectId)b).Value),
                    _ => BsonOrder.Compare(a, b),
                };
                return sameType != 0 ? sameType : x.Offset.CompareTo(y.Offset);
            }

            int rankX = x!.Id is null ? x.Rank : BsonOrder.Rank(x.Id);
            int rankY = y!.Id is null ? y.Rank : BsonOrder.Rank(y.Id);
            if (rankX != rankY)
            {
                return rankX.CompareTo(rankY);
            }

            if (x.Id is null || y.Id is null)
            {
                // A bracket bound sits below or above every value of its bracket.
                return x.Id is null ? (y.Id is null ? x.Offset.CompareTo(y.Offset) : x.Offset) : -y.Offset;
            }

            int byValue = BsonOrder.Compare(x.Id, y.Id);
            return byValue != 0 ? byValue : x.Offset.CompareTo(y.Offset);
        }
    }
}
