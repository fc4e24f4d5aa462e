using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>A query filter under construction, folding the constants true and false away.</summary>
internal readonly struct FilterTerm
{
    private readonly BsonDocument? document;
    private readonly bool constant;

    private FilterTerm(BsonDocument? document, bool constant)
    {
        this.document = document;
        this.constant = constant;
    }

    public static FilterTerm True { get; } = new(null, true);

    public static FilterTerm False { get; } = new(null, false);

    public bool IsTrue => document is null && constant;

    public bool IsFalse => document is null && !constant;

    public static FilterTerm Of(BsonDocument document) => new(document, false);

    public static FilterTerm Of(bool value) => value ? True : False;

    public static FilterTerm And(params ReadOnlySpan<FilterTerm> terms)
    {
        var parts = new List<BsonDocument>();
        foreach (FilterTerm term in terms)
        {
            if (term.IsFalse)
            {
                return False;
            }

            if (!term.IsTrue)
            {
                AddFlattened(parts, term.document!, "$and");
            }
        }

        return parts.Count switch
        {
            0 => True,
            1 => Of(parts[0]),
            _ => Of(new BsonDocument("$and", new BsonArray(parts))),
        };
    }

    public static FilterTerm Or(params ReadOnlySpan<FilterTerm> terms)
    {
        var parts = new List<BsonDocument>();
        foreach (FilterTerm term in terms)
        {
            if (term.IsTrue)
            {
                return True;
            }

            if (!term.IsFalse)
            {
                AddFlattened(parts, term.document!, "$or");
            }
        }

        return parts.Count switch
        {
            0 => False,
            1 => Of(parts[0]),
            _ => Of(new BsonDocument("$or", new BsonArray(parts))),
        };
    }

    public static FilterTerm Not(FilterTerm term) =>
        term.document is null ? Of(!term.constant) : Of(new BsonDocument("$nor", new BsonArray { term.document }));

    private static void AddFlattened(List<BsonDocument> parts, BsonDocument term, string op)
    {
        if (term.ElementCount == 1 && term.GetElement(0).Name == op && term[0] is BsonArray inner)
        {
            parts.AddRange(inner.Select(c => c.AsBsonDocument));
        }
        else
        {
            parts.Add(term);
        }
    }

    /// <summary>The filter document; the constants become <c>{}</c> and <c>{$expr: false}</c>.</summary>
    public BsonDocument ToDocument() => document ?? (constant ? [] : new BsonDocument("$expr", false));
}
