using EmbeddedMongo.Bson;
using MongoDB.Bson;

namespace EmbeddedMongo.Storage;

/// <summary>
/// The documents of a collection ordered by <c>_id</c>: a list of sorted leaves of at most <see cref="LeafCapacity"/>
/// entries (a one-level B+ tree). Look-ups and the start of an <c>_id</c> range scan cost O(log n); a scan then reads
/// the leaves' arrays in order, which keeps memory access sequential however the documents were allocated.
/// </summary>
internal sealed class IdIndex
{
    private const int LeafCapacity = 256;

    private readonly List<Leaf> leaves = [];
    private int version; // Scans fail fast if the index changes under them, as a SortedSet's would.

    public int Count { get; private set; }

    public bool TryGet(BsonValue id, out BsonDocument document)
    {
        if (Find(Key.Of(id)) is (int leafIndex, int position, true))
        {
            document = leaves[leafIndex].Entries[position].Document;
            return true;
        }

        document = null!;
        return false;
    }

    public bool Add(BsonDocument document)
    {
        BsonValue id = document["_id"];
        if (leaves.Count == 0)
        {
            leaves.Add(new Leaf()); // Leaves are never empty but this one, for a moment.
            return Insert(0, 0, new Entry(id, document));
        }

        (int leafIndex, int position, bool found) = Find(Key.Of(id));
        if (found)
        {
            return false;
        }

        Leaf leaf = leaves[leafIndex];
        if (leaf.Count == LeafCapacity)
        {
            // Ids appended in order start a new leaf (so leaves stay full); elsewhere the leaf splits in half.
            int keep = leafIndex == leaves.Count - 1 && position == LeafCapacity ? LeafCapacity : LeafCapacity / 2;
            Leaf right = new() { Count = LeafCapacity - keep };
            Array.Copy(leaf.Entries, keep, right.Entries, 0, right.Count);
            Array.Clear(leaf.Entries, keep, right.Count);
            leaf.Count = keep;
            leaves.Insert(leafIndex + 1, right);
            if (position >= keep)
            {
                (leafIndex, position) = (leafIndex + 1, position - keep);
            }
        }

        return Insert(leafIndex, position, new Entry(id, document));
    }

    private bool Insert(int leafIndex, int position, Entry entry)
    {
        Leaf leaf = leaves[leafIndex];
        Array.Copy(leaf.Entries, position, leaf.Entries, position + 1, leaf.Count - position);
        leaf.Entries[position] = entry;
        leaf.Count++;
        Count++;
        version++;
        return true;
    }

    /// <summary>Swaps in a new version of a stored document with the same <c>_id</c>.</summary>
    public void Replace(BsonDocument document)
    {
        if (Find(Key.Of(document["_id"])) is not (int leafIndex, int position, true))
        {
            throw new InvalidOperationException("Replacing a document that is not stored.");
        }

        Entry[] entries = leaves[leafIndex].Entries;
        entries[position] = entries[position] with { Document = document };
    }

    public bool Remove(BsonValue id)
    {
        if (Find(Key.Of(id)) is not (int leafIndex, int position, true))
        {
            return false;
        }

        Leaf leaf = leaves[leafIndex];
        leaf.Count--;
        Array.Copy(leaf.Entries, position + 1, leaf.Entries, position, leaf.Count - position);
        leaf.Entries[leaf.Count] = default;
        if (leaf.Count == 0)
        {
            leaves.RemoveAt(leafIndex);
        }

        Count--;
        version++;
        return true;
    }

    /// <summary>All documents in <c>_id</c> order.</summary>
    public IEnumerable<BsonDocument> All(bool descending = false) =>
        Between(Key.Bottom(int.MinValue), Key.Top(int.MaxValue), descending);

    /// <summary>The documents whose <c>_id</c> lies in <paramref name="range"/>, lazily, in <c>_id</c> order.</summary>
    public IEnumerable<BsonDocument> Scan(IdRange range, bool descending = false)
    {
        if (range.Points is { } points)
        {
            return ScanPoints(points, descending);
        }

        Key lower = range.Lower is { } l ? new Key(l.Value, l.Inclusive ? -1 : 1, 0) : Key.Bottom(range.AcrossBrackets || range.IsEverything ? int.MinValue : range.Rank);
        Key upper = range.Upper is { } u ? new Key(u.Value, u.Inclusive ? 1 : -1, 0) : Key.Top(range.AcrossBrackets || range.IsEverything ? int.MaxValue : range.Rank);
        return Between(lower, upper, descending);
    }

    private IEnumerable<BsonDocument> ScanPoints(IReadOnlyList<BsonValue> points, bool descending)
    {
        IEnumerable<BsonValue> ordered = descending ? points.OrderByDescending(p => p, BsonOrder.Comparer) : points.OrderBy(p => p, BsonOrder.Comparer);
        foreach (BsonValue point in ordered.Distinct(BsonValueEquality.Instance))
        {
            if (TryGet(point, out BsonDocument document))
            {
                yield return document;
            }
        }
    }

    /// <summary>The documents strictly between two probes (which never equal a stored key).</summary>
    private IEnumerable<BsonDocument> Between(Key lower, Key upper, bool descending)
    {
        if (Key.Compare(lower, upper) > 0)
        {
            yield break;
        }

        int expected = version;
        (int leafIndex, int position) = descending ? Before(upper) : After(lower);
        Key end = descending ? lower : upper;
        while (leafIndex >= 0 && leafIndex < leaves.Count)
        {
            Leaf leaf = leaves[leafIndex];
            if (descending)
            {
                // A leaf whose first key is inside the range is yielded without comparing each key.
                bool whole = Key.Compare(Key.Of(leaf.Entries[0].Id), end) > 0;
                for (; position >= 0; position--)
                {
                    if (!whole && Key.Compare(Key.Of(leaf.Entries[position].Id), end) < 0)
                    {
                        yield break;
                    }

                    yield return leaf.Entries[position].Document;
                    CheckVersion(expected);
                }

                leafIndex--;
                position = leafIndex >= 0 ? leaves[leafIndex].Count - 1 : 0;
            }
            else
            {
                bool whole = Key.Compare(Key.Of(leaf.Entries[leaf.Count - 1].Id), end) < 0;
                for (; position < leaf.Count; position++)
                {
                    if (!whole && Key.Compare(Key.Of(leaf.Entries[position].Id), end) > 0)
                    {
                        yield break;
                    }

                    yield return leaf.Entries[position].Document;
                    CheckVersion(expected);
                }

                leafIndex++;
                position = 0;
            }
        }
    }

    private void CheckVersion(int expected)
    {
        if (version != expected)
        {
            throw new InvalidOperationException("The collection was modified during a scan of its _id index.");
        }
    }

    /// <summary>The leaf and position holding <paramref name="key"/>, or where it would be inserted (leaf -1: no leaves).</summary>
    private (int Leaf, int Position, bool Found) Find(Key key)
    {
        if (leaves.Count == 0)
        {
            return (-1, 0, false);
        }

        int leafIndex = Math.Min(LeafAtOrAfter(key), leaves.Count - 1);
        Leaf leaf = leaves[leafIndex];
        int position = PositionIn(leaf, key);
        return (leafIndex, position, position < leaf.Count && Key.Compare(Key.Of(leaf.Entries[position].Id), key) == 0);
    }

    /// <summary>The first stored position after <paramref name="key"/> (leaf index past the end when none).</summary>
    private (int Leaf, int Position) After(Key key)
    {
        int leafIndex = LeafAtOrAfter(key);
        return leafIndex < leaves.Count ? (leafIndex, PositionIn(leaves[leafIndex], key)) : (leaves.Count, 0);
    }

    /// <summary>The last stored position before <paramref name="key"/> (leaf index -1 when none).</summary>
    private (int Leaf, int Position) Before(Key key)
    {
        int leafIndex = LeafAtOrAfter(key);
        if (leafIndex < leaves.Count)
        {
            int position = PositionIn(leaves[leafIndex], key) - 1;
            if (position >= 0)
            {
                return (leafIndex, position);
            }
        }

        leafIndex--;
        return leafIndex >= 0 ? (leafIndex, leaves[leafIndex].Count - 1) : (-1, 0);
    }

    /// <summary>The first leaf whose last key is ≥ <paramref name="key"/>; the leaf count when there is none.</summary>
    private int LeafAtOrAfter(Key key)
    {
        int low = 0, high = leaves.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            Leaf leaf = leaves[middle];
            if (Key.Compare(Key.Of(leaf.Entries[leaf.Count - 1].Id), key) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The first position of <paramref name="leaf"/> whose key is ≥ <paramref name="key"/>.</summary>
    private static int PositionIn(Leaf leaf, Key key)
    {
        int low = 0, high = leaf.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (Key.Compare(Key.Of(leaf.Entries[middle].Id), key) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private readonly record struct Entry(BsonValue Id, BsonDocument Document);

    private sealed class Leaf
    {
        public Entry[] Entries { get; } = new Entry[LeafCapacity];

        public int Count { get; set; }
    }

    /// <summary>
    /// A stored id (offset 0), or a probe: <see cref="Offset"/> places it just before (-1) or after (+1) its value; a probe
    /// without a value bounds a whole type bracket (<see cref="Rank"/>) from below (-1) or above (+1).
    /// </summary>
    private readonly record struct Key(BsonValue? Id, int Offset, int Rank)
    {
        public static Key Of(BsonValue id) => new(id, 0, 0);

        public static Key Bottom(int rank) => new(null, -1, rank);

        public static Key Top(int rank) => new(null, 1, rank);

        public static int Compare(Key x, Key y)
        {
            // The common case, two ids of one type: compare them directly, computing no type brackets.
            if (x.Id is { } a && y.Id is { } b && a.BsonType == b.BsonType)
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

            int rankX = x.Id is null ? x.Rank : BsonOrder.Rank(x.Id);
            int rankY = y.Id is null ? y.Rank : BsonOrder.Rank(y.Id);
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
