namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>MongoDB's rules for dotted field paths (<c>FieldPath</c>) and for the field names they are made of.</summary>
internal static class FieldPaths
{
    // DBRef fields are the only $-prefixed names a path may contain.
    private static readonly HashSet<string> AllowedDollarNames = new(StringComparer.Ordinal) { "$id", "$ref", "$db" };

    /// <summary>Splits and validates a dotted path such as <c>a.b.c</c>.</summary>
    public static string[] Parse(string path)
    {
        if (path.Length == 0)
        {
            throw AggregationErrors.Fail(40352, "FieldPath cannot be constructed with empty string");
        }

        if (path[^1] == '.')
        {
            throw AggregationErrors.Fail(40353, "FieldPath must not end with a '.'.");
        }

        string[] parts = path.Split('.');
        foreach (string part in parts)
        {
            ValidateFieldName(part, allowDots: true);
        }

        return parts;
    }

    /// <summary>Validates one field name (of an object expression, a group output...).</summary>
    public static void ValidateFieldName(string name, bool allowDots = false)
    {
        if (name.Length == 0)
        {
            throw AggregationErrors.Fail(15998, "FieldPath field names may not be empty strings.");
        }

        if (name[0] == '$' && !AllowedDollarNames.Contains(name))
        {
            throw AggregationErrors.Fail(16410, "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
        }

        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw AggregationErrors.Fail(16411, "FieldPath field names may not contain '\0'.");
        }

        if (!allowDots && name.Contains('.', StringComparison.Ordinal))
        {
            throw AggregationErrors.Fail(16412, "FieldPath field names may not contain '.'. Consider using $getField or $setField.");
        }
    }
}
