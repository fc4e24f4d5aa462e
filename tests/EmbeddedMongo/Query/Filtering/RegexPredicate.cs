using System.Text.RegularExpressions;
using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>
/// <c>$regex</c> (or a regex value) on one value: matches strings and symbols, and a stored regex with the same pattern
/// and options. The PCRE pattern is translated for .NET once, at parse time.
/// </summary>
internal sealed class RegexPredicate : ValuePredicate
{
    private readonly string pattern;
    private readonly string options;
    private readonly Regex regex;

    // PCRE matches whole code points: used instead of 'regex' on strings holding surrogate pairs. When the pattern has
    // no faithful translation for such strings, matching one throws the refusal instead of answering approximately.
    private readonly Regex? astralRegex;
    private readonly MongoCommandException? astralRefusal;

    private RegexPredicate(string pattern, string options, Regex regex, Regex? astralRegex, MongoCommandException? astralRefusal)
    {
        this.pattern = pattern;
        this.options = options;
        this.regex = regex;
        this.astralRegex = astralRegex;
        this.astralRefusal = astralRefusal;
    }

    /// <summary>Validates and compiles a MongoDB regex; bad options or patterns throw MongoDB's errors.</summary>
    public static RegexPredicate Create(string pattern, string options)
    {
        if (pattern.Contains('\0', StringComparison.Ordinal))
        {
            throw MongoCommandException.BadValue("Regular expression cannot contain an embedded null byte");
        }

        RegexOptions dotnetOptions = RegexOptions.CultureInvariant;
        foreach (char flag in options)
        {
            dotnetOptions |= flag switch
            {
                'i' => RegexOptions.IgnoreCase,
                'm' => RegexOptions.Multiline,
                's' => RegexOptions.Singleline,
                'x' => RegexOptions.IgnorePatternWhitespace,
                'u' => RegexOptions.None, // UTF-8 mode: always on in MongoDB
                _ => throw new MongoCommandException((ErrorCode)51108, $"invalid flag in regex options: {flag}"),
            };
        }

        bool extended = (dotnetOptions & RegexOptions.IgnorePatternWhitespace) != 0;
        string translated = PcrePatternTranslator.Translate(pattern, extended, astral: false);
        Regex regex = Compile(translated, dotnetOptions);
        try
        {
            string astralTranslated = PcrePatternTranslator.Translate(pattern, extended, astral: true);
            Regex astral = astralTranslated == translated ? regex : Compile(astralTranslated, dotnetOptions);
            return new RegexPredicate(pattern, options, regex, astral, null);
        }
        catch (MongoCommandException refusal)
        {
            return new RegexPredicate(pattern, options, regex, null, refusal);
        }
    }

    private static Regex Compile(string translated, RegexOptions options)
    {
        try
        {
            return new Regex(translated, options);
        }
        catch (ArgumentException exception)
        {
            throw new MongoCommandException((ErrorCode)51091, $"Regular expression is invalid: {exception.Message}");
        }
    }

    public override bool Matches(BsonValue? value)
    {
        switch (value?.BsonType)
        {
            case BsonType.String:
                return IsMatch(value.AsString);
            case BsonType.Symbol:
                return IsMatch(value.AsBsonSymbol.Name);
            case BsonType.RegularExpression:
                BsonRegularExpression stored = value.AsBsonRegularExpression;
                return string.Equals(stored.Pattern, pattern, StringComparison.Ordinal)
                    && string.Equals(stored.Options, options, StringComparison.Ordinal);
            default:
                return false;
        }
    }

    private bool IsMatch(string input) =>
        input.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0 ? regex.IsMatch(input) : (astralRegex ?? throw astralRefusal!).IsMatch(input);
}
