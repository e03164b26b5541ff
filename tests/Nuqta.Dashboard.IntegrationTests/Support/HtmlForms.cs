using System.Net;
using System.Text.RegularExpressions;

namespace Nuqta.Dashboard.IntegrationTests.Support;

/// <summary>Reads what a browser would from server-rendered HTML: hidden form fields and asset links.</summary>
public static partial class HtmlForms
{
    [GeneratedRegex("<input[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\b(name|value|type)=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Attribute();

    [GeneratedRegex("<(?:link[^>]*\\bhref|script[^>]*\\bsrc)=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex AssetReference();

    /// <summary>Returns the name and value of every hidden input, such as the antiforgery token.</summary>
    public static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match tag in InputTag().Matches(html))
        {
            var attributes = Attribute().Matches(tag.Value).ToDictionary(m => m.Groups[1].Value.ToLowerInvariant(), m => WebUtility.HtmlDecode(m.Groups[2].Value));
            if (attributes.GetValueOrDefault("type") == "hidden" && attributes.TryGetValue("name", out var name))
            {
                fields[name] = attributes.GetValueOrDefault("value") ?? "";
            }
        }

        return fields;
    }

    /// <summary>Returns the targets of every link href and script src, as written in the page.</summary>
    public static List<string> AssetReferences(string html) =>
        AssetReference().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    /// <summary>Fetches the page, then posts its form with the hidden fields plus the given ones.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(url);
        var form = HiddenFields(page);
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }
}
