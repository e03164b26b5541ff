using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Nuqta.Dashboard.Core.Evaluation.Import;

/// <summary>
/// Parses a retrieved-contexts cell. Result files hold the list in one of three forms: a JSON
/// array of strings (Ragas JSON, or a CSV written from JSON), the text of a Python list as
/// <c>str(list)</c> writes it (Ragas CSV written by pandas, for example
/// <c>['a', "b's"]</c>), or a single passage of plain text.
/// </summary>
public static class ContextListParser
{
    /// <summary>
    /// Parses the cell into passages. Returns false with a description of the problem when the
    /// cell starts with '[' but is neither a JSON array nor a Python list of strings.
    /// </summary>
    public static bool TryParse(string? text, out IReadOnlyList<string> passages, out string? problem)
    {
        problem = null;
        passages = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var trimmed = text.Trim();
        if (!trimmed.StartsWith('['))
        {
            passages = [text];
            return true;
        }

        if (TryParseJson(trimmed, out passages))
        {
            return true;
        }

        return TryParsePython(trimmed, out passages, out problem);
    }

    private static bool TryParseJson(string text, out IReadOnlyList<string> passages)
    {
        passages = [];
        try
        {
            using var document = JsonDocument.Parse(text);
            var items = new List<string>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                items.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
            }

            passages = items;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Reads the list syntax that Python's repr() writes for a list of str: '...' or "..." items
    // separated by commas, with backslash escapes. None items are skipped.
    private static bool TryParsePython(string text, out IReadOnlyList<string> passages, out string? problem)
    {
        passages = [];
        var items = new List<string>();
        var position = 1;
        SkipWhitespace(text, ref position);
        if (position < text.Length && text[position] == ']')
        {
            return EndOfList(text, position + 1, items, out passages, out problem);
        }

        while (true)
        {
            SkipWhitespace(text, ref position);
            if (string.CompareOrdinal(text, position, "None", 0, 4) == 0)
            {
                position += 4;
            }
            else if (TryReadPythonString(text, ref position, out var item, out problem))
            {
                items.Add(item);
            }
            else
            {
                return false;
            }

            SkipWhitespace(text, ref position);
            if (position >= text.Length)
            {
                problem = "the list is not closed with ']'";
                return false;
            }

            if (text[position] == ']')
            {
                return EndOfList(text, position + 1, items, out passages, out problem);
            }

            if (text[position] != ',')
            {
                problem = $"expected ',' or ']' at character {position + 1} but found '{text[position]}'";
                return false;
            }

            position++;
            SkipWhitespace(text, ref position);
            if (position < text.Length && text[position] == ']')
            {
                return EndOfList(text, position + 1, items, out passages, out problem);
            }
        }
    }

    private static bool EndOfList(string text, int position, List<string> items, out IReadOnlyList<string> passages, out string? problem)
    {
        SkipWhitespace(text, ref position);
        passages = items;
        problem = position < text.Length ? $"unexpected text after the closing ']' at character {position + 1}" : null;
        return problem is null;
    }

    private static bool TryReadPythonString(string text, ref int position, out string value, out string? problem)
    {
        value = "";
        problem = null;
        var raw = false;
        while (position < text.Length && text[position] is 'u' or 'U' or 'r' or 'R')
        {
            raw |= text[position] is 'r' or 'R';
            position++;
        }

        if (position >= text.Length || text[position] is not ('\'' or '"'))
        {
            problem = position < text.Length
                ? $"expected a quoted string at character {position + 1} but found '{text[position]}'"
                : "the list ends inside an item";
            return false;
        }

        var quote = text[position++];
        var builder = new StringBuilder();
        while (position < text.Length)
        {
            var c = text[position++];
            if (c == quote)
            {
                value = builder.ToString();
                return true;
            }

            if (c != '\\' || position >= text.Length)
            {
                builder.Append(c);
                continue;
            }

            if (raw)
            {
                builder.Append(c).Append(text[position++]);
                continue;
            }

            if (!TryAppendEscape(text, ref position, builder))
            {
                problem = $"invalid escape sequence at character {position}";
                return false;
            }
        }

        problem = "a quoted item is not closed before the end of the cell";
        return false;
    }

    // Decodes the escape after a backslash; position is at the character after the backslash.
    private static bool TryAppendEscape(string text, ref int position, StringBuilder builder)
    {
        var c = text[position++];
        switch (c)
        {
            case '\\': builder.Append('\\'); return true;
            case '\'': builder.Append('\''); return true;
            case '"': builder.Append('"'); return true;
            case 'n': builder.Append('\n'); return true;
            case 'r': builder.Append('\r'); return true;
            case 't': builder.Append('\t'); return true;
            case 'a': builder.Append('\a'); return true;
            case 'b': builder.Append('\b'); return true;
            case 'f': builder.Append('\f'); return true;
            case 'v': builder.Append('\v'); return true;
            case '\n': return true;
            case 'x': return TryAppendCodePoint(text, ref position, 2, builder);
            case 'u': return TryAppendCodePoint(text, ref position, 4, builder);
            case 'U': return TryAppendCodePoint(text, ref position, 8, builder);
        }

        if (c is >= '0' and <= '7')
        {
            var code = c - '0';
            for (var digits = 1; digits < 3 && position < text.Length && text[position] is >= '0' and <= '7'; digits++)
            {
                code = code * 8 + (text[position++] - '0');
            }

            builder.Append((char)code);
            return true;
        }

        // Python keeps an unknown escape such as \d as the two characters.
        builder.Append('\\').Append(c);
        return true;
    }

    private static bool TryAppendCodePoint(string text, ref int position, int digits, StringBuilder builder)
    {
        if (position + digits > text.Length
            || !int.TryParse(text.AsSpan(position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            || code > 0x10FFFF
            || code is >= 0xD800 and <= 0xDFFF && digits == 8)
        {
            return false;
        }

        position += digits;
        builder.Append(code <= 0xFFFF ? ((char)code).ToString() : char.ConvertFromUtf32(code));
        return true;
    }

    private static void SkipWhitespace(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }
}
