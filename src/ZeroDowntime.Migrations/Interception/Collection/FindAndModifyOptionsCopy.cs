using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>Copies of the caller's findAndModify options with a rewritten projection (the caller's object is never modified).</summary>
internal static class FindAndModifyOptionsCopy
{
    public static FindOneAndUpdateOptions<TDocument, TProjection> WithProjection<TDocument, TProjection>(
        FindOneAndUpdateOptions<TDocument, TProjection> options, ProjectionDefinition<TDocument, TProjection>? projection) => new()
    {
        ArrayFilters = options.ArrayFilters,
        BypassDocumentValidation = options.BypassDocumentValidation,
        Collation = options.Collation,
        Comment = options.Comment,
        Hint = options.Hint,
        IsUpsert = options.IsUpsert,
        Let = options.Let,
        MaxTime = options.MaxTime,
        Projection = projection,
        ReturnDocument = options.ReturnDocument,
        Sort = options.Sort,
    };

    public static FindOneAndReplaceOptions<TDocument, TProjection> WithProjection<TDocument, TProjection>(
        FindOneAndReplaceOptions<TDocument, TProjection> options, ProjectionDefinition<TDocument, TProjection>? projection) => new()
    {
        BypassDocumentValidation = options.BypassDocumentValidation,
        Collation = options.Collation,
        Comment = options.Comment,
        Hint = options.Hint,
        IsUpsert = options.IsUpsert,
        Let = options.Let,
        MaxTime = options.MaxTime,
        Projection = projection,
        ReturnDocument = options.ReturnDocument,
        Sort = options.Sort,
    };

    public static FindOneAndDeleteOptions<TDocument, TProjection> WithProjection<TDocument, TProjection>(
        FindOneAndDeleteOptions<TDocument, TProjection> options, ProjectionDefinition<TDocument, TProjection>? projection) => new()
    {
        Collation = options.Collation,
        Comment = options.Comment,
        Hint = options.Hint,
        Let = options.Let,
        MaxTime = options.MaxTime,
        Projection = projection,
        Sort = options.Sort,
    };
}
