using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>
/// Whether a rendered definition (projection, sort, pipeline) may read a field, judged conservatively from its element
/// names and <c>"$path"</c> strings: a path mentions the field when some run of its components starts the field's path
/// or extends it (so <c>profile</c>, <c>profile.name</c> and <c>fullDocument.profile.name</c> all mention
/// <c>profile.name</c>), and <c>$$ROOT</c>/<c>$$CURRENT</c> mention everything. Used where a wrong "no" would silently
/// return uncoalesced values, so a false "yes" only costs a slower or refused operation.
/// </summary>
internal static class FieldMentions
{
    public static bool Mentions(BsonValue definition, string path) => Mentions(definition, path.Split('.'));

    private static bool Mentions(BsonValue value, string[] field)
    {
        switch (value.BsonType)
        {
            case BsonType.Document:
                foreach (BsonElement element in value.AsBsonDocument)
                {
                    // "$match", "$and", ... are operators; other names are paths.
                    if ((!element.Name.StartsWith('$') && PathMentions(element.Name, field)) || Mentions(element.Value, field))
                    {
                        return true;
                    }
                }

                return false;
            case BsonType.Array:
                foreach (BsonValue item in value.AsBsonArray)
                {
                    if (Mentions(item, field))
                    {
                        return true;
                    }
                }

                return false;
            case BsonType.String:
                string text = value.AsString;
                if (text.StartsWith("$$", StringComparison.Ordinal))
                {
                    return text is "$$ROOT" or "$$CURRENT" || PathMentions(text[2..], field);
                }

                return text.StartsWith('$') && PathMentions(text[1..], field);
            default:
                return false;
        }
    }

    private static bool PathMentions(string path, string[] field)
    {
        string[] parts = path.Split('.');
        for (int start = 0; start < parts.Length; start++)
        {
            int matched = 0;
            while (start + matched < parts.Length && matched < field.Length && parts[start + matched] == field[matched])
            {
                matched++;
            }

            if (matched > 0 && (start + matched == parts.Length || matched == field.Length))
            {
                return true;
            }
        }

        return false;
    }
}
