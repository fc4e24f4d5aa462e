using EmbeddedMongo.Bson;
using EmbeddedMongo.Storage;
using MongoDB.Bson;

namespace EmbeddedMongo.Tests.Storage;

/// <summary>
/// The <c>_id</c> index against a plain model (a list sorted with MongoDB's order): random adds, removes and replaces of
/// ids of several types, enough to split and empty many leaves, then every scan compared with the model.
/// </summary>
public sealed class IdIndexTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomOperations_ScansAndLookUps_MatchASortedModel(int seed)
    {
        var random = new Random(seed);
        var index = new IdIndex();
        var model = new List<BsonValue>();
        for (int step = 0; step < 6_000; step++)
        {
            BsonValue id = RandomId(random);
            int at = model.FindIndex(m => BsonOrder.Equal(m, id));
            switch (random.Next(10))
            {
                case < 6:
                    Assert.Equal(at < 0, index.Add(Document(id, step)));
                    if (at < 0)
                    {
                        model.Add(id);
                    }

                    break;
                case < 8:
                    Assert.Equal(at >= 0, index.Remove(id));
                    if (at >= 0)
                    {
                        model.RemoveAt(at);
                    }

                    break;
                default:
                    if (at >= 0)
                    {
                        index.Replace(Document(id, -step));
                        model[at] = id; // The stored document now spells its _id this way (3 for 3.0).
                        Assert.True(index.TryGet(id, out BsonDocument replaced));
                        Assert.Equal(-step, replaced["v"].AsInt32);
                    }
                    else
                    {
                        Assert.False(index.TryGet(id, out _));
                    }

                    break;
            }

            if (step % 500 == 499)
            {
                AssertScansMatch(index, model, random);
            }
        }
    }

    [Fact]
    public void Add_IdsInOrderThenInReverse_KeepsEveryIdInOrder()
    {
        var index = new IdIndex();
        for (int id = 0; id < 2_000; id++)
        {
            Assert.True(index.Add(Document(id, id)));
        }

        for (int id = -1; id >= -2_000; id--)
        {
            Assert.True(index.Add(Document(id, id)));
        }

        Assert.Equal(4_000, index.Count);
        Assert.Equal(Enumerable.Range(-2_000, 4_000), index.All().Select(d => d["_id"].AsInt32));
        Assert.Equal(Enumerable.Range(-2_000, 4_000).Reverse(), index.All(descending: true).Select(d => d["_id"].AsInt32));
        Assert.False(index.Add(Document(1_999.0, 0)));
    }

    [Fact]
    public void Remove_EveryDocument_LeavesAnEmptyIndexThatTakesDocumentsAgain()
    {
        var index = new IdIndex();
        for (int id = 0; id < 1_000; id++)
        {
            index.Add(Document(id, id));
        }

        for (int id = 999; id >= 0; id -= 2)
        {
            Assert.True(index.Remove(id));
        }

        for (int id = 0; id < 1_000; id += 2)
        {
            Assert.True(index.Remove(id));
        }

        Assert.Equal(0, index.Count);
        Assert.Empty(index.All());
        Assert.Empty(index.Scan(IdRange.FromFilter(BsonDocument.Parse("{_id: {$gt: 5}}"))));
        Assert.True(index.Add(Document("again", 1)));
        Assert.Equal(["again"], index.All().Select(d => d["_id"].AsString));
    }

    [Fact]
    public void Scan_ChangedWhileScanning_Fails()
    {
        var index = new IdIndex();
        for (int id = 0; id < 10; id++)
        {
            index.Add(Document(id, id));
        }

        using IEnumerator<BsonDocument> scan = index.All().GetEnumerator();
        Assert.True(scan.MoveNext());
        index.Add(Document(100, 100));

        Assert.Throws<InvalidOperationException>(() => scan.MoveNext());
    }

    private static void AssertScansMatch(IdIndex index, List<BsonValue> model, Random random)
    {
        List<BsonValue> sorted = model.OrderBy(v => v, BsonOrder.Comparer).ToList();
        Assert.Equal(sorted.Count, index.Count);
        Assert.Equal(Json(sorted), Json(index.All().Select(d => d["_id"])));
        Assert.Equal(Json(Enumerable.Reverse(sorted)), Json(index.All(descending: true).Select(d => d["_id"])));
        for (int i = 0; i < 40; i++)
        {
            BsonValue low = RandomId(random), high = RandomId(random);
            string op = random.Next(2) == 0 ? "$gt" : "$gte";
            string upperOp = random.Next(2) == 0 ? "$lt" : "$lte";

            // Query comparisons stay within the bound's type bracket; $expr comparisons cross brackets.
            var bracketed = new BsonDocument("_id", new BsonDocument(op, low));
            var expr = BsonDocument.Parse($"{{$expr: {{$and: [{{{op}: ['$_id', {{$literal: {low.ToJson()}}}]}}, {{{upperOp}: ['$_id', {{$literal: {high.ToJson()}}}]}}]}}}}");
            bool descending = random.Next(2) == 0;
            AssertScan(sorted.Where(v => BsonOrder.SameBracket(v, low) && Satisfies(v, op, low)), index.Scan(IdRange.FromFilter(bracketed), descending), descending);
            AssertScan(sorted.Where(v => Satisfies(v, op, low) && Satisfies(v, upperOp, high)), index.Scan(IdRange.FromFilter(expr), descending), descending);
            var points = new BsonDocument("_id", new BsonDocument("$in", new BsonArray { low, high, sorted.Count > 0 ? sorted[random.Next(sorted.Count)] : low }));
            AssertScan(sorted.Where(v => BsonOrder.Equal(v, low) || BsonOrder.Equal(v, high) || points["_id"]["$in"].AsBsonArray.Any(p => BsonOrder.Equal(v, p))), index.Scan(IdRange.FromFilter(points), descending), descending);
        }
    }

    private static void AssertScan(IEnumerable<BsonValue> expected, IEnumerable<BsonDocument> actual, bool descending) =>
        Assert.Equal(Json(descending ? expected.Reverse() : expected), Json(actual.Select(d => d["_id"])));

    private static bool Satisfies(BsonValue value, string op, BsonValue bound)
    {
        int comparison = BsonOrder.Compare(value, bound);
        return op switch
        {
            "$gt" => comparison > 0,
            "$gte" => comparison >= 0,
            "$lt" => comparison < 0,
            _ => comparison <= 0,
        };
    }

    private static string Json(IEnumerable<BsonValue> values) => new BsonArray(values).ToJson();

    /// <summary>Ids from a small space (so adds collide and removes hit), of several types; 3 and 3.0 are the same id.</summary>
    private static BsonValue RandomId(Random random) => random.Next(8) switch
    {
        < 4 => new BsonInt32(random.Next(3_000)),
        4 => new BsonDouble(random.Next(3_000) / 2.0),
        5 => new BsonInt64(random.Next(3_000)),
        6 => new BsonString("s" + random.Next(300)),
        _ => new BsonObjectId(new ObjectId($"6500000000000000000{random.Next(100_000):D5}")),
    };

    private static BsonDocument Document(BsonValue id, int value) => new() { { "_id", id }, { "v", value } };
}
