using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EmbeddedMongo.Errors;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>
/// Rewrites a PCRE pattern (MongoDB's dialect: UTF mode, no UCP) into an equivalent .NET pattern. Constructs whose
/// meaning differs are rewritten (<c>\d \w \s \b</c> are ASCII-only, POSIX classes, <c>\Q..\E</c>, <c>\x{..}</c>,
/// <c>(?P&lt;n&gt;</c>); constructs with no safe equivalent are refused rather than approximated.
/// </summary>
internal sealed class PcrePatternTranslator
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

    private void TranslateEscape()
    {
        if (position + 1 >= pattern.Length)
        {
            throw Invalid(@"\ at end of pattern");
        }

        char c = pattern[position + 1];
        position += 2;
        switch (c)
        {
            case 'd': output.Append("[0-9]"); break;
            case 'w': output.Append($"[{WordChars}]"); break;
            case 's': output.Append($"[{SpaceChars}]"); break;
            case 'h': output.Append($"[{HorizontalSpaceChars}]"); break;
            case 'v': output.Append($"[{VerticalSpaceChars}]"); break;
            case 'D': AppendNegated("0-9"); break;
            case 'W': AppendNegated(WordChars); break;
            case 'S': AppendNegated(SpaceChars); break;
            case 'H': AppendNegated(HorizontalSpaceChars); break;
            case 'V': AppendNegated(VerticalSpaceChars); break;
            case 'R': output.Append($@"(?>\r\n|[{VerticalSpaceChars}])"); break;
            case 'b': output.Append(WordBoundary); break;
            case 'B': output.Append(NonWordBoundary); break;
            case 'Q': AppendQuoted(inClass: false); break;
            case 'E': break; // a \E without \Q is ignored
            case 'x': AppendCodePoint(ReadHexEscape()); break;
            case 'p' or 'P': AppendProperty(c); break;
            case 'k': AppendNamedBackreference(); break;
            case 'c':
                if (position >= pattern.Length)
                {
                    throw Invalid(@"\c at end of pattern");
                }

                output.Append(@"\c").Append(pattern[position++]);
                break;
            case 'g' or 'K' or 'X' or 'C' or 'N' or 'o':
                throw Unsupported($@"\{c}");
            case 'u' or 'U' or 'l' or 'L' or 'F':
                throw Invalid($@"PCRE2 does not support \{c}");
            default:
                if (char.IsAsciiLetter(c) && "aefnrtAzZG".IndexOf(c, StringComparison.Ordinal) < 0)
                {
                    throw Invalid($@"unrecognized character follows \: {c}");
                }

                output.Append('\\').Append(c);
                break;
        }
    }

    private void AppendNegated(string members) =>
        output.Append(astral ? $"(?:{SurrogatePair}|[^{members}])" : $"[^{members}]");

    private void TranslateClass()
    {
        position++;
        bool negated = position < pattern.Length && pattern[position] == '^';
        if (negated)
        {
            position++;
        }

        var members = new StringBuilder();
        bool first = true;
        while (true)
        {
            if (position >= pattern.Length)
            {
                throw Invalid("missing terminating ] for character class");
            }

            char c = pattern[position];
            if (c == ']' && !first)
            {
                position++;
                break;
            }

            first = false;
            if (c == '\\')
            {
                members.Append(TranslateClassEscape());
            }
            else if (c == '[' && position + 1 < pattern.Length && pattern[position + 1] == ':')
            {
                members.Append(TranslatePosixClass());
            }
            else if (char.IsSurrogate(c))
            {
                throw Unsupported("characters outside the Basic Multilingual Plane in a character class");
            }
            else
            {
                // '[' and ']' are escaped so .NET never reads a class subtraction or an early end.
                members.Append(c is '[' or ']' ? "\\" + c : c.ToString());
                position++;
            }
        }

        string body = members.ToString();
        output.Append(negated && astral ? $"(?:{SurrogatePair}|[^{body}])" : negated ? $"[^{body}]" : $"[{body}]");
    }

    private string TranslateClassEscape()
    {
        if (position + 1 >= pattern.Length)
        {
            throw Invalid(@"\ at end of pattern");
        }

        char c = pattern[position + 1];
        position += 2;
        switch (c)
        {
            case 'd': return "0-9";
            case 'w': return WordChars;
            case 's': return SpaceChars;
            case 'h': return HorizontalSpaceChars;
            case 'v': return VerticalSpaceChars;
            case 'D': return @"\x00-/:-\uFFFF";
            case 'W': return @"\x00-/:-@\[-\^`{-\uFFFF";
            case 'S': return @"\x00-\x08\x0E-\x1F!-\uFFFF";
            case 'Q':
                int start = output.Length;
                AppendQuoted(inClass: true);
                string quoted = output.ToString(start, output.Length - start);
                output.Length = start;
                return quoted;
            case 'E': return string.Empty;
            case 'x':
                int codePoint = ReadHexEscape();
                return codePoint > 0xFFFF
                    ? throw Unsupported("characters outside the Basic Multilingual Plane in a character class")
                    : $@"\u{codePoint:X4}";
            case 'p' or 'P':
                int before = output.Length;
                AppendProperty(c);
                string property = output.ToString(before, output.Length - before);
                output.Length = before;
                return property;
            case 'H' or 'V' or 'R' or 'X' or 'N' or 'g' or 'k' or 'K' or 'C' or 'o':
                throw Unsupported($@"\{c} in a character class");
            case 'u' or 'U' or 'l' or 'L' or 'F':
                throw Invalid($@"PCRE2 does not support \{c}");
            default:
                return "\\" + c;
        }
    }

    private string TranslatePosixClass()
    {
        int end = pattern.IndexOf(":]", position + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            // Not a POSIX class after all: a literal '['.
            position++;
            return @"\[";
        }

        string name = pattern[(position + 2)..end];
        position = end + 2;
        return name switch
        {
            "alpha" => "A-Za-z",
            "digit" => "0-9",
            "alnum" => "A-Za-z0-9",
            "upper" => "A-Z",
            "lower" => "a-z",
            "space" => SpaceChars,
            "blank" => @" \t",
            "word" => WordChars,
            "xdigit" => "0-9A-Fa-f",
            "punct" => @"!-/:-@\[-`{-~",
            "cntrl" => @"\x00-\x1F\x7F",
            "print" => @"\x20-\x7E",
            "graph" => @"\x21-\x7E",
            "ascii" => @"\x00-\x7F",
            _ when name.StartsWith('^') => throw Unsupported($"negated POSIX class [:{name}:]"),
            _ => throw Invalid($"unknown POSIX class name: {name}"),
        };
    }

    private void AppendQuoted(bool inClass)
    {
        int end = pattern.IndexOf(@"\E", position, StringComparison.Ordinal);
        string literal = end < 0 ? pattern[position..] : pattern[position..end];
        position = end < 0 ? pattern.Length : end + 2;
        foreach (char c in literal)
        {
            if (inClass && char.IsSurrogate(c))
            {
                throw Unsupported("characters outside the Basic Multilingual Plane in a character class");
            }

            output.Append(Regex.Escape(c.ToString()).Replace("]", @"\]", StringComparison.Ordinal).Replace("-", @"\-", StringComparison.Ordinal));
        }
    }

    private int ReadHexEscape()
    {
        string digits;
        if (position < pattern.Length && pattern[position] == '{')
        {
            int close = pattern.IndexOf('}', position);
            digits = close < 0 ? string.Empty : pattern[(position + 1)..close];
            if (close < 0 || digits.Length == 0 || !digits.All(char.IsAsciiHexDigit))
            {
                throw Invalid(@"malformed \x{...} escape");
            }

            position = close + 1;
        }
        else
        {
            int length = 0;
            while (length < 2 && position + length < pattern.Length && char.IsAsciiHexDigit(pattern[position + length]))
            {
                length++;
            }

            digits = pattern.Substring(position, length);
            position += length;
        }

        if (digits.Length == 0)
        {
            return 0;
        }

        return int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int value) && value <= 0x10FFFF && value is < 0xD800 or > 0xDFFF
            ? value
            : throw Invalid(@"character code point value in \x{} is too large or a surrogate");
    }

    private void AppendCodePoint(int codePoint)
    {
        if (codePoint <= 0xFFFF)
        {
            output.Append(CultureInfo.InvariantCulture, $@"\u{codePoint:X4}");
            return;
        }

        string pair = char.ConvertFromUtf32(codePoint);
        output.Append(CultureInfo.InvariantCulture, $@"(?:\u{(int)pair[0]:X4}\u{(int)pair[1]:X4})");
    }

    private void AppendProperty(char kind)
    {
        string name;
        if (position < pattern.Length && pattern[position] == '{')
        {
            int close = pattern.IndexOf('}', position);
            if (close < 0)
            {
                throw Invalid(@"malformed \p or \P sequence");
            }

            name = pattern[(position + 1)..close];
            position = close + 1;
        }
        else if (position < pattern.Length)
        {
            name = pattern[position++].ToString();
        }
        else
        {
            throw Invalid(@"malformed \p or \P sequence");
        }

        // Only general categories mean the same in both engines; script names and negations do not.
        if (!GeneralCategories.Contains(name))
        {
            throw Unsupported($@"\{kind}{{{name}}}");
        }

        output.Append('\\').Append(kind).Append('{').Append(name).Append('}');
    }

    private void AppendNamedBackreference()
    {
        char open = position < pattern.Length ? pattern[position] : '\0';
        char close = open switch { '<' => '>', '\'' => '\'', '{' => '}', _ => '\0' };
        int end = close == '\0' ? -1 : pattern.IndexOf(close, position + 1);
        if (end < 0)
        {
            throw Invalid(@"\k is not followed by a name in angle brackets, braces or quotes");
        }

        output.Append(@"\k<").Append(pattern, position + 1, end - position - 1).Append('>');
        position = end + 1;
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
