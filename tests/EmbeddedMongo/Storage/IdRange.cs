using EmbeddedMongo.Bson;
using MongoDB.Bson;

namespace EmbeddedMongo.Storage;

/// <summary>
/// The <c>_id</c> values a filter can possibly match, derived from its top-level <c>_id</c> predicates. It only
/// narrows the scan: every scanned document still goes through the full filter.
/// </summary>
internal sealed class IdRange
{
    public static readonly IdRange Everything = new();

    /// <summary>Exact candidates (equality or <c>$in</c>); null when the range is an interval.</summary>
    public IReadOnlyList<BsonValue>? Points { get; private init; }

    public (BsonValue Value, bool Inclusive)? Lower { get; private init; }

    public (BsonValue Value, bool Inclusive)? Upper { get; private init; }

    /// <summary>The type bracket of an interval: comparisons never cross brackets.</summary>
    public int Rank { get; private init; }

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

        if (a.Rank != b.Rank)
        {
            return new IdRange { Points = [] }; // Bounds in two brackets: nothing can satisfy both.
        }

        return new IdRange
        {
            Rank = a.Rank,
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
