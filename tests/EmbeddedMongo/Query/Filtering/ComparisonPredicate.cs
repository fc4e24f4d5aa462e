using EmbeddedMongo.Bson;
using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>
/// <c>$eq $lt $lte $gt $gte</c> (and implicit equality) on one value, with MongoDB's type bracketing: values of another
/// bracket never match, except that a missing value equals null and MinKey/MaxKey bound every bracket.
/// </summary>
internal sealed class ComparisonPredicate : ValuePredicate
{
    // MongoDB's canonical type of a missing value; null is 5, so "missing + null == 5" identifies that pair.
    private const int MissingRank = 0;

    // Since MongoDB 8.0 undefined no longer equals null: give it a bracket of its own.
    private const int UndefinedRank = 2;

    private readonly ComparisonOperator op;
    private readonly BsonValue operand;
    private readonly int operandRank;
    private readonly bool operandIsNaN;
    private readonly string? operandString;

    public ComparisonPredicate(ComparisonOperator op, BsonValue operand)
    {
        this.op = op;
        this.operand = operand;
        operandRank = CanonicalRank(operand);
        operandIsNaN = IsNaN(operand);
        operandString = operand.BsonType == BsonType.String ? operand.AsString : null;
    }

    public override bool Matches(BsonValue? value)
    {
        int rank = CanonicalRank(value);
        if (rank != operandRank)
        {
            return MatchesAcrossBrackets(rank);
        }

        if (op == ComparisonOperator.Equal)
        {
            if (operandString is not null && value!.BsonType == BsonType.String)
            {
                return string.Equals(operandString, value.AsString, StringComparison.Ordinal);
            }

            return BsonOrder.Compare(value, operand) == 0;
        }

        // NaN equals NaN but is neither greater nor less than any number.
        if (operandIsNaN || IsNaN(value))
        {
            bool bothNaN = operandIsNaN && IsNaN(value);
            return bothNaN && op is ComparisonOperator.LessThanOrEqual or ComparisonOperator.GreaterThanOrEqual;
        }

        int order = BsonOrder.Compare(value, operand);
        return op switch
        {
            ComparisonOperator.LessThan => order < 0,
            ComparisonOperator.LessThanOrEqual => order <= 0,
            ComparisonOperator.GreaterThan => order > 0,
            _ => order >= 0,
        };
    }

    private static int CanonicalRank(BsonValue? value) =>
        value is null ? MissingRank : value.BsonType == BsonType.Undefined ? UndefinedRank : BsonOrder.Rank(value);

    private static bool IsNaN(BsonValue? value) => value?.BsonType switch
    {
        BsonType.Double => double.IsNaN(value.AsDouble),
        BsonType.Decimal128 => Decimal128.IsNaN(value.AsDecimal128),
        _ => false,
    };

    private bool MatchesAcrossBrackets(int rank)
    {
        if (rank == MissingRank && operandRank == BsonOrder.Rank(BsonNull.Value))
        {
            // A missing field is null for $eq, $gte and $lte.
            return op is ComparisonOperator.Equal or ComparisonOperator.LessThanOrEqual or ComparisonOperator.GreaterThanOrEqual;
        }

        return operand.BsonType switch
        {
            BsonType.MaxKey => op is ComparisonOperator.LessThan or ComparisonOperator.LessThanOrEqual,
            BsonType.MinKey => op is ComparisonOperator.GreaterThan or ComparisonOperator.GreaterThanOrEqual,
            _ => false,
        };
    }
}
