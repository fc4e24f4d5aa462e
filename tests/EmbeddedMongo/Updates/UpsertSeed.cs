using EmbeddedMongo.Bson;
using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>
/// The document an upsert starts from: the filter's equality predicates (<c>{a: 1}</c>, <c>{a: {$eq: 1}}</c>,
/// single-value <c>$in</c>/<c>$all</c>, inside <c>$and</c> or a one-clause <c>$or</c>), set at their dotted paths
/// in path order. A replacement upsert takes only _id from the filter.
/// </summary>
internal static class UpsertSeed
{
    private const ErrorCode NotSingleValueField = (ErrorCode)54;
    private const ErrorCode NotExactValueField = (ErrorCode)111;

    public static BsonDocument Build(BsonDocument filter, bool idOnly)
    {
        var equalities = new SortedDictionary<string, BsonValue>(Comparer<string>.Create(BsonOrder.CompareStrings));
        Extract(filter, equalities, idOnly);
        var seed = new BsonDocument();
        foreach (KeyValuePair<string, BsonValue> equality in equalities)
        {
            string[] parts = equality.Key.Split('.');
            BsonDocument current = seed;
            for (int i = 0; i < parts.Length - 1; i++)
            {
                if (!current.TryGetValue(parts[i], out BsonValue next))
                {
                    next = new BsonDocument();
                    current.Add(parts[i], next);
                }

                current = next.AsBsonDocument;
            }

            current[parts[^1]] = equality.Value.DeepClone();
        }

        return seed;
    }

    private static void Extract(BsonDocument filter, SortedDictionary<string, BsonValue> equalities, bool idOnly)
    {
        foreach (BsonElement element in filter)
        {
            if (element.Name == "$and" && element.Value is BsonArray clauses)
            {
                foreach (BsonDocument clause in clauses.OfType<BsonDocument>())
                {
                    Extract(clause, equalities, idOnly);
                }
            }
            else if (element.Name == "$or" && element.Value is BsonArray { Count: 1 } single && single[0] is BsonDocument only)
            {
                Extract(only, equalities, idOnly);
            }
            else if (!element.Name.StartsWith('$'))
            {
                ExtractField(element.Name, element.Value, equalities, idOnly);
            }
        }
    }

    private static void ExtractField(string path, BsonValue condition, SortedDictionary<string, BsonValue> equalities, bool idOnly)
    {
        if (condition is BsonRegularExpression)
        {
            return;
        }

        if (condition is not BsonDocument operators || operators.ElementCount == 0 || !operators.GetElement(0).Name.StartsWith('$'))
        {
            Add(path, condition, equalities, idOnly);
            return;
        }

        foreach (BsonElement clause in operators)
        {
            switch (clause.Name)
            {
                case "$eq":
                    Add(path, clause.Value, equalities, idOnly);
                    break;
                case "$in" when clause.Value is BsonArray { Count: 1 } values && values[0] is not BsonRegularExpression:
                    Add(path, values[0], equalities, idOnly);
                    break;
                case "$all" when clause.Value is BsonArray values:
                    foreach (BsonValue value in values)
                    {
                        if (value is not BsonRegularExpression && !(value is BsonDocument d && d.Contains("$elemMatch")))
                        {
                            Add(path, value, equalities, idOnly);
                        }
                    }

                    break;
            }
        }
    }

    private static void Add(string path, BsonValue value, SortedDictionary<string, BsonValue> equalities, bool idOnly)
    {
        if (idOnly && path != "_id")
        {
            if (path.StartsWith("_id.", StringComparison.Ordinal))
            {
                throw new MongoCommandException(
                    NotExactValueField, $"field at '_id' must be exactly specified, field at sub-path '{path}'found");
            }

            return;
        }

        foreach (string existing in equalities.Keys)
        {
            if (existing == path)
            {
                throw new MongoCommandException(NotSingleValueField, $"cannot infer query fields to set, path '{path}' is matched twice");
            }

            if (path.StartsWith(existing + ".", StringComparison.Ordinal) || existing.StartsWith(path + ".", StringComparison.Ordinal))
            {
                (string longer, string shorter) = path.Length > existing.Length ? (path, existing) : (existing, path);
                throw new MongoCommandException(
                    NotSingleValueField, $"cannot infer query fields to set, both paths '{longer}' and '{shorter}' are matched");
            }
        }

        equalities.Add(path, value);
    }
}
