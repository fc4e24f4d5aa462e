using System.Text;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>Character classes: <c>[...]</c>, their escapes and POSIX classes.</summary>
internal sealed partial class PcrePatternTranslator
{
    private void TranslateClass()
    {
        position++;
        bool negated = position < pattern.Length && pattern[position] == '^';
        if (negated)
        {
            position++;
        }

        var members = new StringBuilder();
        bool holdsAllAstral = false;
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
                members.Append(TranslateClassEscape(ref holdsAllAstral));
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

        // A class holds every code point outside the BMP when it has \D, \W or \S, and none otherwise.
        string body = members.ToString();
        string single = negated ? $"[^{body}]" : $"[{body}]";
        bool matchesAstral = negated != holdsAllAstral;
        output.Append(astral && matchesAstral ? $"(?:{SurrogatePair}|{single})" : single);
    }

    private string TranslateClassEscape(ref bool holdsAllAstral)
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
            case 'D':
                holdsAllAstral = true;
                return @"\x00-/:-\uFFFF";
            case 'W':
                holdsAllAstral = true;
                return @"\x00-/:-@\[-\^`{-\uFFFF";
            case 'S':
                holdsAllAstral = true;
                return @"\x00-\x08\x0E-\x1F!-\uFFFF";
            case 'Q': return Quote(inClass: true);
            case 'E': return string.Empty;
            case 'x':
                int codePoint = ReadHexEscape();
                return codePoint > 0xFFFF
                    ? throw Unsupported("characters outside the Basic Multilingual Plane in a character class")
                    : $@"\u{codePoint:X4}";
            case 'p' or 'P':
                return astral
                    ? throw Unsupported($@"\{c} in a character class on strings with characters outside the Basic Multilingual Plane")
                    : ReadProperty(c);
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
}
