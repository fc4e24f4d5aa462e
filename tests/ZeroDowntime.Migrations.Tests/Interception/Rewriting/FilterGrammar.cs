using FsCheck;
using FsCheck.Fluent;
using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Tests.Interception.Rewriting;

/// <summary>
/// Generators for the equivalence properties: documents in every migration state (old only, new only, both, neither;
/// nulls, arrays, embedded documents, the four numeric types) and filters over the migrated field and others.
/// </summary>
internal static class FilterGrammar
{
    private static readonly DateTime Epoch = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A small domain, so that predicates often hit; numbers of every type, and scaled ones for the convert.</summary>
    public static Gen<BsonValue> Scalar(bool scaled) => Gen.Frequency(
        (1, Gen.Constant<BsonValue>(BsonNull.Value)),
        (3, Number(scaled)),
        (2, Gen.Elements("a", "b", "ab", "B", "").Select(s => (BsonValue)new BsonString(s))),
        (1, Gen.Elements(true, false).Select(b => (BsonValue)new BsonBoolean(b))),
        (1, Gen.Choose(0, 1).Select(d => (BsonValue)new BsonDateTime(Epoch.AddDays(d)))));

    public static Gen<BsonValue> Number(bool scaled) =>
        from kind in Gen.Choose(0, 3)
        from n in Gen.Choose(-2, 3)
        from half in Gen.Elements(false, false, true)
        let value = (half ? n + 0.5 : n) * (scaled ? 100 : 1)
        select kind switch
        {
            0 when value == Math.Floor(value) => (BsonValue)new BsonInt32((int)value),
            1 when value == Math.Floor(value) => new BsonInt64((long)value),
            2 => new BsonDecimal128((decimal)value),
            _ => new BsonDouble(value),
        };

    public static Gen<BsonValue> Value(bool scaled) => Gen.Frequency(
        (6, Scalar(scaled)),
        (2, Scalar(scaled).ListOf().Select(l => (BsonValue)new BsonArray(l.Take(3)))),
        (1, SubDocument(scaled).ListOf().Select(l => (BsonValue)new BsonArray(l.Take(2)))),
        (2, SubDocument(scaled)));

    private static Gen<BsonValue> SubDocument(bool scaled) =>
        from x in Scalar(scaled)
        from y in Scalar(scaled)
        from shape in Gen.Choose(0, 3)
        select (BsonValue)(shape switch
        {
            0 => new BsonDocument("x", x),
            1 => new BsonDocument { { "x", x }, { "y", y } },
            2 => new BsonDocument("y", y),
            _ => [],
        });

    /// <summary>A document of the mixed collection: the old and new fields in one of the four states, and other fields.</summary>
    public static Gen<BsonDocument> Document(int id, string oldPath, string newPath) =>
        from state in Gen.Choose(0, 3)
        from oldValue in Value(false)
        from newValue in Value(true)
        from age in Gen.Frequency((1, Gen.Constant<BsonValue?>(null)), (3, Value(false).Select(v => (BsonValue?)v)))
        from tags in Scalar(false).ListOf().Select(l => new BsonArray(l.Take(3)))
        select Build(id, state, oldPath, oldValue, newPath, newValue, age, tags);

    private static BsonDocument Build(int id, int state, string oldPath, BsonValue oldValue, string newPath, BsonValue newValue, BsonValue? age, BsonArray tags)
    {
        var document = new BsonDocument("_id", id);
        if (state is 0 or 2)
        {
            document[oldPath] = oldValue;
        }

        if (state is 1 or 2)
        {
            document[newPath] = newValue;
        }

        if (age is not null)
        {
            document["age"] = age;
        }

        document["tags"] = tags;
        return document;
    }

    public static Gen<BsonDocument> Filter(int depth, string[] fields, bool convert)
    {
        Gen<BsonDocument> leaf =
            from field in Gen.Elements(fields)
            from condition in Condition(convert)
            select new BsonDocument(field, condition);
        if (depth == 0)
        {
            return leaf;
        }

        Gen<BsonDocument> logical =
            from op in Gen.Elements("$and", "$or", "$nor")
            from clauses in Filter(depth - 1, fields, convert).ListOf().Select(l => l.Take(3).ToList())
            where clauses.Count > 0
            select new BsonDocument(op, new BsonArray(clauses));
        Gen<BsonDocument> pair =
            from a in leaf
            from b in leaf
            select Merge(a, b);
        return Gen.Frequency((6, leaf), (2, logical), (1, pair), (1, Expr(fields[0], convert)));
    }

    private static BsonDocument Merge(BsonDocument a, BsonDocument b) =>
        a.Names.First() == b.Names.First() ? new BsonDocument("$and", new BsonArray { a, b }) : a.Merge(b, overwriteExistingElements: false);

    private static Gen<BsonDocument> Expr(string field, bool convert) =>
        from v in Scalar(convert)
        from kind in Gen.Choose(0, 3)
        select new BsonDocument("$expr", kind switch
        {
            0 => new BsonDocument("$eq", new BsonArray { "$" + field, new BsonDocument("$literal", v) }),
            1 => new BsonDocument("$lt", new BsonArray { "$" + field, "$age" }),
            2 => new BsonDocument("$eq", new BsonArray { new BsonDocument("$type", "$" + field), "missing" }),
            _ => new BsonDocument("$gte", new BsonArray { "$" + field, new BsonDocument("$literal", v) }),
        });

    public static Gen<BsonValue> Condition(bool convert)
    {
        Gen<BsonValue> value = Value(convert);
        Gen<BsonValue> scalar = Scalar(convert);
        Gen<BsonValue> comparison =
            from op in Gen.Elements("$gt", "$gte", "$lt", "$lte")
            from v in scalar
            select (BsonValue)new BsonDocument(op, v);
        Gen<BsonValue> list = value.ListOf().Select(l => (BsonValue)new BsonArray(l.Take(3)));
        Gen<BsonValue> regex =
            from pattern in Gen.Elements("^a", "b$", "A", "^$")
            from options in Gen.Elements("", "i")
            from form in Gen.Elements(true, false)
            select form ? (BsonValue)new BsonDocument { { "$regex", pattern }, { "$options", options } } : new BsonRegularExpression(pattern, options);
        // A regex on a converted value needs $regexMatch, which EmbeddedMongo does not implement (yet).
        bool regexes = !convert || !MongoTestServer.IsEmbedded;
        Gen<BsonValue> negatable = Gen.OneOf(
            comparison,
            list.Select(l => (BsonValue)new BsonDocument("$in", l)),
            regexes ? regex : comparison,
            Gen.Elements(true, false).Select(b => (BsonValue)new BsonDocument("$exists", b)),
            Gen.Choose(0, 2).Select(n => (BsonValue)new BsonDocument("$size", n)));
        Gen<BsonValue> elemMatch =
            from v in scalar
            from kind in Gen.Elements(true, false)
            select (BsonValue)new BsonDocument("$elemMatch", kind ? new BsonDocument("$gt", v) : new BsonDocument("x", v));
        var cases = new List<(int, Gen<BsonValue>)>
        {
            (4, value),
            (1, value.Select(v => (BsonValue)new BsonDocument("$eq", v))),
            (2, value.Select(v => (BsonValue)new BsonDocument("$ne", v))),
            (3, comparison),
            (1, from a in scalar from b in scalar select (BsonValue)new BsonDocument { { "$gt", a }, { "$lte", b } }),
            (2, list.Select(l => (BsonValue)new BsonDocument("$in", l))),
            (2, list.Select(l => (BsonValue)new BsonDocument("$nin", l))),
            (2, Gen.Elements(true, false).Select(b => (BsonValue)new BsonDocument("$exists", b))),
            (2, Gen.Elements<BsonValue>("string", "number", "int", "long", "double", "decimal", "array", "object", "null", "bool", "date", 2, 16)
                .Select(t => (BsonValue)new BsonDocument("$type", t))),
            (1, Gen.Choose(0, 2).Select(n => (BsonValue)new BsonDocument("$size", n))),
            (1, scalar.ListOf().Select(l => (BsonValue)new BsonDocument("$all", new BsonArray(l.Take(2))))),
            (regexes ? 1 : 0, regex),
            (2, negatable.Select(c => (BsonValue)new BsonDocument("$not", c))),
        };
        if (!convert)
        {
            cases.Add((1, elemMatch));
        }

        return Gen.Frequency(cases);
    }
}
