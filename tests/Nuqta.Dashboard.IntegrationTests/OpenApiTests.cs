using System.Text.Json;
using Nuqta.Dashboard.IntegrationTests.Support;

namespace Nuqta.Dashboard.IntegrationTests;

/// <summary>The OpenAPI document lists as required only the body fields that a request must send.</summary>
public sealed class OpenApiTests
{
    [Theory]
    [InlineData("CreateComparisonBody", new string[0])]
    [InlineData("RegisterModelRequest", new[] { "name" })]
    [InlineData("RegisterModelVersionRequest", new[] { "version" })]
    public async Task Schema_RequiredFields(string schema, string[] expected)
    {
        using var app = new NuqtaAppFactory();
        using var client = app.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var definition = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(schema);
        var required = definition.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
        Assert.Equal(expected, required);
    }
}
