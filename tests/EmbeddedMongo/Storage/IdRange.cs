using EmbeddedMongo.Bson;
using MongoDB.Bson;

namespace EmbeddedMongo.Storage;

/// <summary>
/// The <c>_id</c> values a filter can possibly match, derived from its top-level <c>_id</c> predicates and <c>$expr</c>
/// comparisons of <c>"$_id"</c> with constants. It only narrows the scan: every scanned document still goes through the
/// full filter.
/// </summary>
internal sealed class IdRange
{
    public static readonly IdRange Everything = new();

    /// <summary>Exact candidates (equality or <c>$in</c>); null when the range is an interval.</summary>
    public IReadOnlyList<BsonValue>? Points { get; private init; }

    public (BsonValue Value, bool Inclusive)? Lower { get; private init; }

    public (BsonValue Value, bool Inclusive)? Upper { get; private init; }

    /// <summary>The type bracket of an interval: query comparisons never cross brackets.</summary>
    public int Rank { get; private init; }

    /// <summary>
    /// An interval of aggregation comparisons (<c>$expr</c>), which order values across type brackets: a missing bound
    /// is the end of the whole order, not of <see cref="Rank"/>'s bracket.
    /// </summary>
    public bool AcrossBrackets { get; private init; }

    public bool IsEverything => Points is null && Lower is null && Upper is null;

    /// <summary>Derives the range from a filter; anything not understood leaves the range open.</summary>
    public static IdRange FromFilter(BsonDocument filter)
    {
        IdRange result = Everything;
        foreach (BsonElement element in filter)
        {
            if (element.Name == "_id")
            {
                result = Narrow(result, FromPredicate(element.Value));
            }
            else if (element.Name == "$expr")
            {
                result = Narrow(result, FromExpression(element.Value));
            }
            else if (element.Name == "$and" && element.Value.IsBsonArray)
            {
                foreach (BsonValue clause in element.Value.AsBsonArray)
                {
                    if (clause.IsBsonDocument)
                    {
                        result = Narrow(result, FromFilter(clause.AsBsonDocument));
                    }
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The filter still to check on each scanned document: without the <c>_id</c> interval predicates a one-bracket
    /// interval scan already enforces exactly (as MongoDB needs no filter for predicates its index bounds are exact
    /// for). Any other range (points, $expr bounds) keeps the filter whole.
    /// </summary>
    public BsonDocument Residual(BsonDocument filter) =>
        Points is null && !AcrossBrackets && !IsEverything ? WithoutIntervals(filter) : filter;

    private static BsonDocument WithoutIntervals(BsonDocument filter)
    {
        var residual = new BsonDocument();
        foreach (BsonElement element in filter)
        {
            if (element.Name == "_id" && IsInterval(element.Value))
            {
                continue;
            }

            if (element.Name == "$and" && element.Value is BsonArray clauses)
            {
                var kept = new BsonArray(clauses.Select(c => c is BsonDocument clause ? WithoutIntervals(clause) : c).Where(c => c is not BsonDocument { ElementCount: 0 }));
                if (kept.Count > 0)
                {
                    residual.Add("$and", kept);
                }

                continue;
            }

            residual.Add(element);
        }

        return residual;
    }

    /// <summary>An operator document of only <c>$gt</c>/<c>$gte</c>/<c>$lt</c>/<c>$lte</c> on values that bound a scan.</summary>
    private static bool IsInterval(BsonValue predicate) =>
        predicate is BsonDocument operators && IsOperatorDocument(operators)
        && operators.All(op => op.Name is "$gt" or "$gte" or "$lt" or "$lte" && IsBoundable(op.Value));

    private static IdRange FromPredicate(BsonValue predicate)
    {
        if (!predicate.IsBsonDocument || !IsOperatorDocument(predicate.AsBsonDocument))
        {
            return predicate.IsBsonRegularExpression || predicate.IsBsonArray ? Everything : new IdRange { Points = [predicate] };
        }

        IdRange result = Everything;
        foreach (BsonElement op in predicate.AsBsonDocument)
        {
            IdRange next = op.Name switch
            {
                "$eq" when IsPlain(op.Value) => new IdRange { Points = [op.Value] },
                "$in" when op.Value.IsBsonArray && op.Value.AsBsonArray.All(IsPlain) => new IdRange { Points = [.. op.Value.AsBsonArray] },
                "$gt" when IsBoundable(op.Value) => new IdRange { Lower = (op.Value, false), Rank = BsonOrder.Rank(op.Value) },
                "$gte" when IsBoundable(op.Value) => new IdRange { Lower = (op.Value, true), Rank = BsonOrder.Rank(op.Value) },
                "$lt" when IsBoundable(op.Value) => new IdRange { Upper = (op.Value, false), Rank = BsonOrder.Rank(op.Value) },
                "$lte" when IsBoundable(op.Value) => new IdRange { Upper = (op.Value, true), Rank = BsonOrder.Rank(op.Value) },
                _ => Everything,
            };
            result = Narrow(result, next);
        }

        return result;
    }

    /// <summary>
    /// <c>$expr</c> comparisons of <c>"$_id"</c> with a constant, alone or in <c>$and</c> — MongoDB (5.0 on) turns them into
    /// <c>_id</c> index bounds too.
    /// </summary>
    private static IdRange FromExpression(BsonValue expression)
    {
        if (expression is not BsonDocument { ElementCount: 1 } document)
        {
            return Everything;
        }

        BsonElement op = document.GetElement(0);
        if (op.Name == "$and" && op.Value is BsonArray clauses)
        {
            return clauses.Aggregate(Everything, (range, clause) => Narrow(range, FromExpression(clause)));
        }

        if (op.Value is not BsonArray { Count: 2 } operands)
        {
            return Everything;
        }

        // With the constant first the comparison is mirrored: {$lt: [5, "$_id"]} is _id > 5.
        bool idFirst = operands[0] == "$_id";
        BsonValue? constant = idFirst ? Constant(operands[1]) : operands[1] == "$_id" ? Constant(operands[0]) : null;
        string comparison = idFirst ? op.Name : op.Name switch { "$gt" => "$lt", "$gte" => "$lte", "$lt" => "$gt", "$lte" => "$gte", _ => op.Name };
        return constant is null ? Everything : comparison switch
        {
            "$gt" => new IdRange { Lower = (constant, false), AcrossBrackets = true },
            "$gte" => new IdRange { Lower = (constant, true), AcrossBrackets = true },
            "$lt" => new IdRange { Upper = (constant, false), AcrossBrackets = true },
            "$lte" => new IdRange { Upper = (constant, true), AcrossBrackets = true },
            _ => Everything,
        };
    }

    /// <summary>An expression operand that is a constant (a literal, or a plain value that is no field path); else null.</summary>
    private static BsonValue? Constant(BsonValue operand) => operand switch
    {
        BsonDocument { ElementCount: 1 } literal when literal.GetElement(0).Name is "$literal" or "$const" => literal[0] is BsonArray ? null : literal[0],
        BsonString path when path.Value.StartsWith('$') => null,
        BsonDocument or BsonArray => null,
        _ => operand,
    };

    private static bool IsOperatorDocument(BsonDocument document) =>
        document.ElementCount > 0 && document.GetElement(0).Name.StartsWith('$');

    private static bool IsPlain(BsonValue value) => !value.IsBsonRegularExpression && !value.IsBsonArray;

    // MinKey/MaxKey bounds would cross brackets; leave those to the filter.
    private static bool IsBoundable(BsonValue value) => !value.IsBsonArray && !value.IsBsonMinKey && !value.IsBsonMaxKey && !value.IsBsonNull;

    private static IdRange Narrow(IdRange a, IdRange b)
    {
        if (a.IsEverything)
        {
            return b;
        }

        if (b.IsEverything)
        {
            return a;
        }

        if (a.Points is not null || b.Points is not null)
        {
            // Keep the point list; the filter removes points outside the other predicate.
            return a.Points is not null && b.Points is not null ? (a.Points.Count <= b.Points.Count ? a : b) : (a.Points ?? b.Points) is { } p ? new IdRange { Points = p } : a;
        }

        if (a.AcrossBrackets != b.AcrossBrackets)
        {
            return a.AcrossBrackets ? b : a; // A range within one bracket holds every match of both; the filter does the rest.
        }

        if (a.Rank != b.Rank && !a.AcrossBrackets)
        {
            return new IdRange { Points = [] }; // Bounds in two brackets: nothing can satisfy both.
        }

        return new IdRange
        {
            Rank = a.Rank,
            AcrossBrackets = a.AcrossBrackets,
            Lower = Tighter(a.Lower, b.Lower, lower: true),
            Upper = Tighter(a.Upper, b.Upper, lower: false),
        };
    }

    private static (BsonValue Value, bool Inclusive)? Tighter((BsonValue Value, bool Inclusive)? x, (BsonValue Value, bool Inclusive)? y, bool lower)
    {
        if (x is null)
        {
            return y;
        }

        if (y is null)
        {
            return x;
        }

        int byValue = BsonOrder.Compare(x.Value.Value, y.Value.Value);
        if (byValue == 0)
        {
            return x.Value.Inclusive ? y : x;
        }

        return (byValue > 0) == lower ? x : y;
    }
}
