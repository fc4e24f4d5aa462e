using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

/// <summary>Refuses options EmbeddedMongo does not implement, instead of silently ignoring them.</summary>
internal static class UnsupportedOptions
{
    /// <summary>Throws when <paramref name="document"/> carries one of <paramref name="options"/> with a meaningful value.</summary>
    public static void Check(BsonDocument document, string command, params string[] options)
    {
        foreach (string option in options)
        {
            if (document.TryGetValue(option, out BsonValue value) && !value.IsBsonNull && !IsHarmless(option, value))
            {
                throw MongoCommandException.NotSupported($"The '{option}' option of {command}");
            }
        }
    }

    // A simple collation is MongoDB's default binary comparison, which is what EmbeddedMongo does anyway.
    private static bool IsHarmless(string option, BsonValue value) =>
        option == "collation" && value.IsBsonDocument && value.AsBsonDocument.TryGetValue("locale", out BsonValue locale) && locale == "simple";
}
