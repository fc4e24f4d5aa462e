using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>Copies of the caller's find options (never modified in place) and their mapping onto an aggregation.</summary>
internal static class FindOptionsCopy
{
    public static FindOptions<TDocument, TProjection> WithProjection<TDocument, TProjection>(
        FindOptions<TDocument, TProjection> options, ProjectionDefinition<TDocument, TProjection>? projection) => new()
    {
        AllowDiskUse = options.AllowDiskUse,
        AllowPartialResults = options.AllowPartialResults,
        BatchSize = options.BatchSize,
        Collation = options.Collation,
        Comment = options.Comment,
        CursorType = options.CursorType,
        Hint = options.Hint,
        Let = options.Let,
        Limit = options.Limit,
        Max = options.Max,
        MaxAwaitTime = options.MaxAwaitTime,
        MaxTime = options.MaxTime,
        Min = options.Min,
        NoCursorTimeout = options.NoCursorTimeout,
        Projection = projection,
        ReturnKey = options.ReturnKey,
        ShowRecordId = options.ShowRecordId,
        Skip = options.Skip,
        Sort = options.Sort,
        TranslationOptions = options.TranslationOptions,
    };

    public static AggregateOptions ToAggregateOptions<TDocument, TProjection>(FindOptions<TDocument, TProjection>? options) => new()
    {
        AllowDiskUse = options?.AllowDiskUse,
        BatchSize = options?.BatchSize,
        Collation = options?.Collation,
        Comment = options?.Comment,
        Hint = options?.Hint,
        Let = options?.Let,
        MaxTime = options?.MaxTime,
        TranslationOptions = options?.TranslationOptions,
    };

    /// <summary>Refuses the find options an aggregation cannot honour, rather than dropping them silently.</summary>
    public static void RefuseWithoutAggregateEquivalent<TDocument, TProjection>(FindOptions<TDocument, TProjection>? options, ActiveMigration migration)
    {
        string? option = options switch
        {
            null => null,
            { CursorType: not CursorType.NonTailable } => "CursorType." + options.CursorType,
            { Min: not null } => "Min",
            { Max: not null } => "Max",
            { ReturnKey: true } => "ReturnKey",
            { ShowRecordId: true } => "ShowRecordId",
            { NoCursorTimeout: true } => "NoCursorTimeout",
            { AllowPartialResults: true } => "AllowPartialResults",
            _ => null,
        };
        if (option is not null)
        {
            throw new MigrationNotSupportedException(migration.Migration.Id, migration.Phase, "Find with " + option,
                $"the sort or projection reads '{migration.Migration.NewPath}', whose values are coalesced by running the find as an aggregation, which has no {option}. " +
                "Drop the option, or sort and project on other fields until the migration reaches SwitchRead.");
        }
    }
}
