using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>Backslash escapes outside character classes, and the readers they share with classes.</summary>
internal sealed partial class PcrePatternTranslator
{
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
            case 'Q': output.Append(Quote(inClass: false)); break;
            case 'E': break; // a \E without \Q is ignored
            case 'x': AppendCodePoint(ReadHexEscape()); break;
            case 'p' or 'P':
                // In astral mode a property may or may not hold a code point outside the BMP: refuse rather than guess.
                output.Append(astral ? throw Unsupported($@"\{c} on strings with characters outside the Basic Multilingual Plane") : ReadProperty(c));
                break;
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

    // \Q...\E: every character up to \E (or the end) is literal.
    private string Quote(bool inClass)
    {
        int end = pattern.IndexOf(@"\E", position, StringComparison.Ordinal);
        string literal = end < 0 ? pattern[position..] : pattern[position..end];
        position = end < 0 ? pattern.Length : end + 2;
        var quoted = new StringBuilder();
        foreach (char c in literal)
        {
            if (inClass && char.IsSurrogate(c))
            {
                throw Unsupported("characters outside the Basic Multilingual Plane in a character class");
            }

            quoted.Append(Regex.Escape(c.ToString()).Replace("]", @"\]", StringComparison.Ordinal).Replace("-", @"\-", StringComparison.Ordinal));
        }

        return quoted.ToString();
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

    private string ReadProperty(char kind)
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

        return $"\\{kind}{{{name}}}";
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
}
