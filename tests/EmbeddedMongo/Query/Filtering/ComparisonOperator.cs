namespace EmbeddedMongo.Query.Filtering;

/// <summary>The comparison a <see cref="ComparisonPredicate"/> makes.</summary>
internal enum ComparisonOperator
{
    Equal,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}
