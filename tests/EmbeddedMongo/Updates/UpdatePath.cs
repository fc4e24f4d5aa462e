namespace EmbeddedMongo.Updates;

/// <summary>Helpers for the dotted paths update operators name.</summary>
internal static class UpdatePath
{
    public static string Join(IReadOnlyList<string> parts) => string.Join('.', parts);

    public static string Join(IReadOnlyList<string> first, IReadOnlyList<string> second) =>
        first.Count == 0 ? Join(second) : second.Count == 0 ? Join(first) : Join(first) + "." + Join(second);

    public static IReadOnlyList<string> Append(IReadOnlyList<string> parts, string part)
    {
        var result = new string[parts.Count + 1];
        for (int i = 0; i < parts.Count; i++)
        {
            result[i] = parts[i];
        }

        result[^1] = part;
        return result;
    }

    /// <summary><c>$[]</c> or <c>$[identifier]</c>.</summary>
    public static bool IsArrayFilterPart(string part) => part.Length >= 3 && part[0] == '$' && part[1] == '[' && part[^1] == ']';

    /// <summary><c>$</c>, the positional operator.</summary>
    public static bool IsPositionalPart(string part) => part == "$";
}
