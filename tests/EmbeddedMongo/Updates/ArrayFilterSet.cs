using EmbeddedMongo.Errors;
using EmbeddedMongo.Query;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>The parsed <c>arrayFilters</c> of an update, by identifier.</summary>
internal sealed class ArrayFilterSet
{
    public static readonly ArrayFilterSet Empty = new([]);

    private readonly Dictionary<string, ArrayFilter> filters;

    private ArrayFilterSet(Dictionary<string, ArrayFilter> filters)
    {
        this.filters = filters;
    }

    public IEnumerable<string> Identifiers => filters.Keys;

    public ArrayFilter this[string identifier] => filters[identifier];

    public bool Contains(string identifier) => filters.ContainsKey(identifier);

    public static ArrayFilterSet Parse(BsonArray? arrayFilters)
    {
        if (arrayFilters is null || arrayFilters.Count == 0)
        {
            return Empty;
        }

        var filters = new Dictionary<string, ArrayFilter>(StringComparer.Ordinal);
        for (int i = 0; i < arrayFilters.Count; i++)
        {
            if (arrayFilters[i] is not BsonDocument filter)
            {
                throw MongoCommandException.TypeMismatch(
                    $"BSON field 'arrayFilters.{i}' is the wrong type '{UpdateMessages.TypeName(arrayFilters[i])}', expected type 'object'");
            }

            FilterMatcher matcher = FilterMatcher.Parse(filter);
            string? identifier = null;
            FindIdentifier(filter, ref identifier);
            if (identifier is null)
            {
                throw MongoCommandException.FailedToParse("Cannot use an expression without a top-level field name in arrayFilters");
            }

            if (!IsValidIdentifier(identifier))
            {
                throw MongoCommandException.BadValue(
                    $"Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '{identifier}'");
            }

            if (!filters.TryAdd(identifier, new ArrayFilter(identifier, matcher)))
            {
                throw MongoCommandException.FailedToParse($"Found multiple array filters with the same top-level field name {identifier}");
            }
        }

        return new ArrayFilterSet(filters);
    }

    // The first component of every path in the filter, looking through $and/$or/$nor; all must agree.
    private static void FindIdentifier(BsonDocument filter, ref string? identifier)
    {
        foreach (BsonElement element in filter)
        {
            if (element.Name is "$and" or "$or" or "$nor")
            {
                if (element.Value is BsonArray clauses)
                {
                    foreach (BsonValue clause in clauses)
                    {
                        if (clause is BsonDocument document)
                        {
                            FindIdentifier(document, ref identifier);
                        }
                    }
                }

                continue;
            }

            if (element.Name.StartsWith('$'))
            {
                continue;
            }

            int dot = element.Name.IndexOf('.', StringComparison.Ordinal);
            string first = dot < 0 ? element.Name : element.Name[..dot];
            if (identifier is not null && identifier != first)
            {
                throw MongoCommandException.FailedToParse(
                    $"Error parsing array filter :: caused by :: Expected a single top-level field name, found '{identifier}' and '{first}'");
            }

            identifier = first;
        }
    }

    private static bool IsValidIdentifier(string identifier) =>
        identifier.Length > 0 && identifier[0] is >= 'a' and <= 'z' && identifier.All(char.IsAsciiLetterOrDigit);
}
