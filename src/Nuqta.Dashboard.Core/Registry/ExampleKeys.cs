using System.Security.Cryptography;
using System.Text;

namespace Nuqta.Dashboard.Core.Registry;

/// <summary>
/// Example keys for files without an id field: a hash of the input text after Unicode NFC
/// normalisation and whitespace collapsing. Diacritics and letter case are kept, because in
/// Arabic and many other scripts they change meaning.
/// </summary>
public static class ExampleKeys
{
    /// <summary>Prefix that marks a key derived from the input text.</summary>
    public const string HashPrefix = "h:";

    /// <summary>Returns the input text as it is compared: NFC, trimmed, whitespace runs as one space.</summary>
    public static string NormalizeInput(string input)
    {
        var nfc = input.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(nfc.Length);
        var pendingSpace = false;
        foreach (var c in nfc)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Returns "h:" and the first 32 hex digits (128 bits) of the SHA-256 of the normalised input.</summary>
    public static string FromInput(string input)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(NormalizeInput(input)));
        return HashPrefix + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
