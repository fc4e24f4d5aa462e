namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>Dotted element paths compared segment by segment (<c>name</c> is not a prefix of <c>names</c>).</summary>
internal static class FieldPaths
{
    public static PathRelation Relate(string path, string field)
    {
        if (string.Equals(path, field, StringComparison.Ordinal))
        {
            return PathRelation.Same;
        }

        if (path.Length > field.Length && path[field.Length] == '.' && path.StartsWith(field, StringComparison.Ordinal))
        {
            return PathRelation.Descendant;
        }

        if (field.Length > path.Length && field[path.Length] == '.' && field.StartsWith(path, StringComparison.Ordinal))
        {
            return PathRelation.Ancestor;
        }

        return PathRelation.None;
    }

    public static bool IsRelated(string path, string field) => Relate(path, field) != PathRelation.None;

    /// <summary>Moves a path at or below <paramref name="from"/> to the same place below <paramref name="to"/>.</summary>
    public static string Rebase(string path, string from, string to) => to + path[from.Length..];

    /// <summary>The first segment of a dotted path.</summary>
    public static string Root(string path)
    {
        int dot = path.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? path : path[..dot];
    }
}
