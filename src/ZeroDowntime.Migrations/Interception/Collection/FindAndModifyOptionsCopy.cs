using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>
/// Copies of the caller's findAndModify options (never modified in place) with a rewritten projection, the sort to send,
/// and whether an upsert is still allowed (not when the document is modified by the <c>_id</c> a selection found).
/// </summary>
internal static class FindAndModifyOptionsCopy
{
    public static FindOneAndUpdateOptions<TDocument, TProjection> With<TDocument, TProjection>(
        FindOneAndUpdateOptions<TDocument, TProjection> options, ProjectionDefinition<TDocument, TProjection>? projection, SortDefinition<TDocument>? sort, bool allowUpsert) => new()
    {
        ArrayFilters = options.ArrayFilters,
        BypassDocumentValidation = options.BypassDocumentValidation,
        Collation = options.Collation,
        Comment = options.Comment,
        Hint = options.Hint,
        IsUpsert = allowUpsert && options.IsUpsert,
        Let = options.Let,
        MaxTime = options.MaxTime,
        Projection = projection,
        ReturnDocument = options.ReturnDocument,
        Sort = sort,
    };

    public static FindOneAndReplaceOptions<TDocument, TProjection> With<TDocument, TProjection>(
        FindOneAndReplaceOptions<TDocument, TProjection> options, ProjectionDefinition<TDocument, TProjection>? projection, SortDefinition<TDocument>? sort, bool allowUpsert) => new()
    {
        BypassDocumentValidation = options.BypassDocumentValidation,
        Collation = options.Collation,
        Comment = options.Comment,
        Hint = options.Hint,
        IsUpsert = allowUpsert && options.IsUpsert,
        Let = options.Let,
        MaxTime = options.MaxTime,
        Projection = projection,
        ReturnDocument = options.ReturnDocument,
        Sort = sort,
    };

    public static FindOneAndDeleteOptions<TDocument, TProjection> With<TDocument, TProjection>(
        FindOneAndDeleteOptions<TDocument, TProjection> options, ProjectionDefinition<TDocument, TProjection>? projection, SortDefinition<TDocument>? sort) => new()
    {
        Collation = options.Collation,
        Comment = options.Comment,
        Hint = options.Hint,
        Let = options.Let,
        MaxTime = options.MaxTime,
        Projection = projection,
        Sort = sort,
    };
}
