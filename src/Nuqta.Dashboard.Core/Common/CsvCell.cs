namespace Nuqta.Dashboard.Core.Common;

/// <summary>
/// Escapes values for CSV downloads that people open in spreadsheets. A cell that starts with
/// '=', '+', '-', '@', a tab or a carriage return would run as a formula, so it gets a leading
/// apostrophe (the OWASP advice on CSV injection); cells with a delimiter, quote or line break
/// are quoted as RFC 4180 describes.
/// </summary>
public static class CsvCell
{
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
