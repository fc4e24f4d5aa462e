using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>The state of one application of an operator update to one document.</summary>
internal sealed class ApplyContext(BsonDocument document, bool isUpsertInsert, ArrayFilterSet arrayFilters)
{
    /// <summary>The working copy being modified (never a stored document).</summary>
    public BsonDocument Document { get; } = document;

    /// <summary>True when the update builds an upserted document, so <c>$setOnInsert</c> applies.</summary>
    public bool IsUpsertInsert { get; } = isUpsertInsert;

    public ArrayFilterSet ArrayFilters { get; } = arrayFilters;

    /// <summary>The first path written under <c>_id</c>, named in the ImmutableField error if _id ends up changed.</summary>
    public string? IdPath { get; private set; }

    /// <summary>Records that a modifier writes at <paramref name="path"/>.</summary>
    public void NoteWrite(string path)
    {
        if (IdPath is null && (path == "_id" || path.StartsWith("_id.", StringComparison.Ordinal)))
        {
            IdPath = path;
        }
    }
}
