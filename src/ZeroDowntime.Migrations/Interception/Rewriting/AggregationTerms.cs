using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>Boolean aggregation expressions under construction, folding the constants true and false away.</summary>
internal static class AggregationTerms
{
    public static BsonValue And(params IEnumerable<BsonValue> terms) => Combine("$and", terms, absorbing: false);

    public static BsonValue Or(params IEnumerable<BsonValue> terms) => Combine("$or", terms, absorbing: true);

    public static BsonValue Not(BsonValue term) =>
        term is BsonBoolean b ? !b.Value : new BsonDocument("$not", new BsonArray { term });

    public static BsonValue Literal(BsonValue value) => new BsonDocument("$literal", value);

    /// <summary>The value itself when it is an array, else <c>[]</c>, so array operators never see a scalar.</summary>
    public static BsonValue ArrayOrEmpty(BsonValue x) =>
        new BsonDocument("$cond", new BsonArray { new BsonDocument("$isArray", x), x, new BsonArray() });

    /// <summary>Whether <paramref name="predicate"/> holds for the value or, when it is an array, for any element.</summary>
    public static BsonValue ValueOrAnyElement(BsonValue x, Func<BsonValue, BsonValue> predicate) => Or(
        predicate(x),
        // {$in: [true, <map>]} rather than $anyElementTrue, which some servers and test doubles lack.
        new BsonDocument("$in", new BsonArray
        {
            true,
            new BsonDocument("$map", new BsonDocument
            {
                { "input", ArrayOrEmpty(x) },
                { "as", "zdme" },
                { "in", predicate("$$zdme") },
            }),
        }));

    private static BsonValue Combine(string op, IEnumerable<BsonValue> terms, bool absorbing)
    {
        var parts = new BsonArray();
        foreach (BsonValue term in terms)
        {
            if (term is BsonBoolean b)
            {
                if (b.Value == absorbing)
                {
                    return absorbing;
                }

                continue;
            }

            parts.Add(term);
        }

        return parts.Count switch
        {
            0 => !absorbing,
            1 => parts[0],
            _ => new BsonDocument(op, parts),
        };
    }
}
