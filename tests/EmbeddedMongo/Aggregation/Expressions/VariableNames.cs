namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>MongoDB's rules for the names of variables, read (<c>$$name</c>) or defined (<c>$let</c>, <c>as</c>).</summary>
internal static class VariableNames
{
    public static void ValidateForRead(string name)
    {
        if (name.Length == 0)
        {
            throw AggregationErrors.Fail(16869, "empty variable names are not allowed");
        }

        if (!(char.IsAsciiLetter(name[0]) || name[0] >= 0x80))
        {
            throw AggregationErrors.Fail(16870, $"'{name}' starts with an invalid character for a user variable name");
        }

        ValidateCharacters(name, 16871);
    }

    public static void ValidateForWrite(string name)
    {
        if (name.Length == 0)
        {
            throw AggregationErrors.Fail(16866, "empty variable names are not allowed");
        }

        if (!(char.IsAsciiLetterLower(name[0]) || name[0] >= 0x80))
        {
            throw AggregationErrors.Fail(16867, $"'{name}' starts with an invalid character for a user variable name");
        }

        ValidateCharacters(name, 16868);
    }

    private static void ValidateCharacters(string name, int code)
    {
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c >= 0x80))
            {
                throw AggregationErrors.Fail(code, $"'{name}' contains an invalid character for a variable name: '{c}'");
            }
        }
    }
}
