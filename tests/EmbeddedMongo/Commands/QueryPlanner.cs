using EmbeddedMongo.Query;
using EmbeddedMongo.Storage;
using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

/// <summary>
/// Runs a filter over a collection: scans only the <c>_id</c> range the filter allows (checking on each document only
/// what the range does not already guarantee) and, when the order is <c>_id</c> order, stops as soon as skip + limit
/// documents are found. Callers hold the database lock.
/// </summary>
internal static class QueryPlanner
{
    public static IEnumerable<BsonDocument> Run(CollectionStore? collection, BsonDocument filter, SortSpecification? sort = null, long skip = 0, long? limit = null)
    {
        // Parse first: MongoDB rejects a malformed filter even on a collection that does not exist.
        FilterMatcher matcher = FilterMatcher.Parse(filter);
        if (collection is null)
        {
            return [];
        }

        bool? idOrderDescending = sort is null ? false : sort.IdOrderDescending;
        IdRange range = IdRange.FromFilter(filter);
        BsonDocument residual = range.Residual(filter);
        IEnumerable<BsonDocument> results = collection.Documents.Scan(range, idOrderDescending ?? false);
        if (residual.ElementCount > 0)
        {
            FilterMatcher check = residual.Equals(filter) ? matcher : FilterMatcher.Parse(residual);
            results = results.Where(check.Matches);
        }

        if (sort is not null && idOrderDescending is null)
        {
            // Keys computed once per document; with a limit only the top skip + limit documents are kept.
            results = sort.Sort(results, limit is > 0 ? skip + limit : null);
        }

        if (skip > 0)
        {
            results = results.Skip(checked((int)Math.Min(skip, int.MaxValue)));
        }

        if (limit is > 0)
        {
            results = results.Take(checked((int)Math.Min(limit.Value, int.MaxValue)));
        }

        return results;
    }
}
