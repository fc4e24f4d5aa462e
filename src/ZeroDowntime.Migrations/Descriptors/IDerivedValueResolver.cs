using MongoDB.Bson;

namespace ZeroDowntime.Migrations;

/// <summary>
/// Computes the values of a derive migration's new field for a whole batch of source values at once (one query
/// per batch, e.g. <c>{_id: {$in: keys}}</c>), so a backfill never does one look-up per document.
/// </summary>
public interface IDerivedValueResolver
{
    /// <summary>Maps each source value (the old field's value) to the new field's value; absent keys stay unresolved.</summary>
    /// <param name="keys">The distinct source values of a batch.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The resolved values by key.</returns>
    Task<IReadOnlyDictionary<BsonValue, BsonValue>> ResolveAsync(IReadOnlyList<BsonValue> keys, CancellationToken cancellationToken = default);
}
