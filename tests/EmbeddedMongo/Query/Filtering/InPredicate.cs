using EmbeddedMongo.Bson;
using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary><c>$in</c> on one value: equal to one of the values (null also matching missing), or matching one of the regexes.</summary>
internal sealed class InPredicate : ValuePredicate
{
    // Below this many values a linear scan beats hashing (hashes of documents and arrays are deep).
    private const int HashThreshold = 8;

    private readonly BsonValue[] values;
    private readonly HashSet<BsonValue?>? set;
    private readonly RegexPredicate[] regexes;
    private readonly bool hasNull;

    public InPredicate(IReadOnlyList<BsonValue> values, IReadOnlyList<RegexPredicate> regexes)
    {
        this.values = [.. values];
        this.regexes = [.. regexes];
        hasNull = values.Any(v => v.IsBsonNull);
        if (values.Count > HashThreshold)
        {
            set = new HashSet<BsonValue?>(values, BsonValueEquality.Instance);
        }
    }

    public override bool Matches(BsonValue? value)
    {
        if (value is null)
        {
            return hasNull;
        }

        // Undefined is never an operand (refused by the parser) and, since MongoDB 8.0, not equal to null.
        if (value.BsonType != BsonType.Undefined && Contains(value))
        {
            return true;
        }

        foreach (RegexPredicate regex in regexes)
        {
            if (regex.Matches(value))
            {
                return true;
            }
        }

        return false;
    }

    private bool Contains(BsonValue value)
    {
        if (set is not null)
        {
            return set.Contains(value);
        }

        foreach (BsonValue candidate in values)
        {
            if (BsonOrder.Compare(candidate, value) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
