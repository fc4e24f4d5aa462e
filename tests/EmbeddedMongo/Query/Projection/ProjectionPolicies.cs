namespace EmbeddedMongo.Query.Projection;

/// <summary>The differences between find projections, <c>$project</c> and <c>$addFields</c>/<c>$set</c>.</summary>
internal sealed class ProjectionPolicies
{
    public static readonly ProjectionPolicies Find = new(findOnlyFeatures: true, allowEmpty: true, onlyComputedFields: false, recurseNestedArrays: false);

    public static readonly ProjectionPolicies Aggregate = new(findOnlyFeatures: false, allowEmpty: false, onlyComputedFields: false, recurseNestedArrays: true);

    public static readonly ProjectionPolicies AddFields = new(findOnlyFeatures: false, allowEmpty: true, onlyComputedFields: true, recurseNestedArrays: true);

    private ProjectionPolicies(bool findOnlyFeatures, bool allowEmpty, bool onlyComputedFields, bool recurseNestedArrays)
    {
        FindOnlyFeatures = findOnlyFeatures;
        AllowEmpty = allowEmpty;
        OnlyComputedFields = onlyComputedFields;
        RecurseNestedArrays = recurseNestedArrays;
    }

    /// <summary><c>$slice</c>, <c>$elemMatch</c> and positional projections are find-only.</summary>
    public bool FindOnlyFeatures { get; }

    public bool AllowEmpty { get; }

    /// <summary><c>$addFields</c>: every value is an expression, even <c>1</c> or <c>true</c>.</summary>
    public bool OnlyComputedFields { get; }

    /// <summary>Find projections leave arrays nested in arrays alone; aggregation recurses into them.</summary>
    public bool RecurseNestedArrays { get; }
}
