using System.Text;
using System.Text.RegularExpressions;
using EmbeddedMongo.Errors;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>
/// Rewrites a PCRE pattern (MongoDB's dialect: UTF mode, no UCP) into an equivalent .NET pattern. Constructs whose
/// meaning differs are rewritten (<c>\d \w \s \b</c> are ASCII-only, POSIX classes, <c>\Q..\E</c>, <c>\x{..}</c>,
/// <c>(?P&lt;n&gt;</c>); constructs with no safe equivalent are refused rather than approximated.
/// </summary>
internal sealed partial class PcrePatternTranslator
{
    private const string WordChars = "A-Za-z0-9_";
    private const string SpaceChars = @"\t\n\x0B\f\r ";
    private const string HorizontalSpaceChars = @"\t \u00A0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000";
    private const string VerticalSpaceChars = @"\n\x0B\f\r\u0085\u2028\u2029";
    private const string SurrogatePair = @"[\uD800-\uDBFF][\uDC00-\uDFFF]";
    private const string WordBoundary = $"(?:(?<=[{WordChars}])(?![{WordChars}])|(?<![{WordChars}])(?=[{WordChars}]))";
    private const string NonWordBoundary = $"(?:(?<=[{WordChars}])(?=[{WordChars}])|(?<![{WordChars}])(?![{WordChars}]))";
    private static readonly HashSet<string> GeneralCategories = new(
        ["L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
         "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn"],
        StringComparer.Ordinal);

    private static readonly Regex BraceQuantifier = new(@"\G\{[0-9]+(?:,[0-9]*)?\}", RegexOptions.CultureInvariant);

    private readonly string pattern;
    private readonly bool extended;
    private readonly bool astral;
    private readonly StringBuilder output = new();
    private int position;

    private PcrePatternTranslator(string pattern, bool extended, bool astral)
    {
        this.pattern = pattern;
        this.extended = extended;
        this.astral = astral;
    }

    /// <summary>
    /// Translates <paramref name="pattern"/>. With <paramref name="astral"/>, single-character constructs that can match
    /// any character (<c>.</c>, negated classes) also match a whole surrogate pair, as PCRE matches a whole code point.
    /// </summary>
    public static string Translate(string pattern, bool extended, bool astral) => new PcrePatternTranslator(pattern, extended, astral).Run();

    private string Run()
    {
        while (position < pattern.Length)
        {
            char c = pattern[position];
            switch (c)
            {
                case '\\':
                    TranslateEscape();
                    break;
                case '[':
                    TranslateClass();
                    break;
                case '(':
                    TranslateGroupStart();
                    break;
                case '.':
                    position++;
                    output.Append(astral ? $"(?:{SurrogatePair}|.)" : ".");
                    break;
                case '#' when extended:
                    int end = pattern.IndexOf('\n', position);
                    end = end < 0 ? pattern.Length : end + 1;
                    output.Append(pattern, position, end - position);
                    position = end;
                    break;
                case '*' or '+' or '?':
                    position++;
                    output.Append(c);
                    RefusePossessive();
                    break;
                case '{':
                    Match quantifier = BraceQuantifier.Match(pattern, position);
                    if (quantifier.Success)
                    {
                        output.Append(quantifier.Value);
                        position += quantifier.Length;
                        RefusePossessive();
                    }
                    else
                    {
                        output.Append(@"\{");
                        position++;
                    }

                    break;
                default:
                    position++;
                    if (char.IsHighSurrogate(c) && position < pattern.Length && char.IsLowSurrogate(pattern[position]))
                    {
                        // One code point: keep the pair together under a following quantifier.
                        output.Append("(?:").Append(c).Append(pattern[position++]).Append(')');
                    }
                    else
                    {
                        output.Append(c);
                    }

                    break;
            }
        }

        return output.ToString();
    }

    private void RefusePossessive()
    {
        if (position < pattern.Length && pattern[position] == '+')
        {
            throw Unsupported("possessive quantifiers");
        }

        if (position < pattern.Length && pattern[position] == '?')
        {
            output.Append('?');
            position++;
        }
    }

    private void TranslateGroupStart()
    {
        position++;
        if (position >= pattern.Length || (pattern[position] != '?' && pattern[position] != '*'))
        {
            output.Append('(');
            return;
        }

        if (pattern[position] == '*')
        {
            if (position + 1 < pattern.Length && char.IsAsciiLetterUpper(pattern[position + 1]))
            {
                throw Unsupported("backtracking control verbs (*...)");
            }

            output.Append('(');
            return;
        }

        string rest = pattern[(position + 1)..];
        if (rest.StartsWith('#'))
        {
            // A comment group: copied verbatim so its text is never read as pattern.
            int close = pattern.IndexOf(')', position);
            if (close < 0)
            {
                throw Invalid("missing ) after (?# comment");
            }

            position = close + 1;
        }
        else if (rest.StartsWith("P<", StringComparison.Ordinal))
        {
            output.Append("(?<");
            position += 3;
        }
        else if (rest.StartsWith("P=", StringComparison.Ordinal))
        {
            int close = pattern.IndexOf(')', position);
            if (close < 0)
            {
                throw Invalid("missing ) after (?P= name");
            }

            output.Append(@"\k<").Append(pattern, position + 3, close - position - 3).Append('>');
            position = close + 1;
        }
        else if (rest.Length > 0 && (rest[0] is 'P' or '|' or 'R' or '&' or '+' or 'C' or '^' || char.IsAsciiDigit(rest[0]) || (rest[0] == '-' && rest.Length > 1 && char.IsAsciiDigit(rest[1]))))
        {
            throw Unsupported($"(?{rest[0]} groups (recursion, subroutines, branch reset, callouts)");
        }
        else if (rest.StartsWith("(DEFINE)", StringComparison.Ordinal) || rest.StartsWith("(R", StringComparison.Ordinal))
        {
            throw Unsupported("recursion conditions");
        }
        else
        {
            int flagsEnd = 0;
            while (flagsEnd < rest.Length && (char.IsAsciiLetter(rest[flagsEnd]) || rest[flagsEnd] == '-'))
            {
                flagsEnd++;
            }

            if (flagsEnd > 0 && flagsEnd < rest.Length && rest[flagsEnd] is ')' or ':' && rest[..flagsEnd].Any(f => "imnsx-".IndexOf(f, StringComparison.Ordinal) < 0))
            {
                throw Unsupported($"inline options (?{rest[..flagsEnd]})");
            }

            output.Append("(?");
            position++;
        }
    }

    private static MongoCommandException Invalid(string reason) =>
        new((ErrorCode)51091, $"Regular expression is invalid: {reason}");

    private static MongoCommandException Unsupported(string construct) =>
        MongoCommandException.NotSupported($"The regular expression construct {construct}");
}
