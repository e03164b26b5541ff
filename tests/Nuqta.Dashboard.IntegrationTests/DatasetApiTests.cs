using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.IntegrationTests.Support;

namespace Nuqta.Dashboard.IntegrationTests;

public sealed class DatasetApiTests
{
    [Fact]
    public async Task Version_CreatedInOneRequest()
    {
        using var app = new NuqtaAppFactory();
        using var client = await WriterWithDatasetAsync(app);
        var file = Encoding.UTF8.GetBytes("question,answer,lang\nq1,a,ar\nq2,b,en\nq3,c,ar\n");

        var response = await client.PostAsync("/api/v1/datasets/support-qa/versions", VersionForm(file, "data.csv"));
        var body = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, body.GetProperty("rows").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), body.GetProperty("contentSha256").GetString());
        Assert.Equal(2, body.GetProperty("segments").GetProperty("lang").GetProperty("ar").GetInt32());
        Assert.Equal(1, body.GetProperty("segments").GetProperty("lang").GetProperty("en").GetInt32());
    }

    [Fact]
    public async Task SameFileTwice_NamesEarlierVersion()
    {
        using var app = new NuqtaAppFactory();
        using var client = await WriterWithDatasetAsync(app);
        var file = Encoding.UTF8.GetBytes("question,answer,lang\nq1,a,ar\nq2,b,en\n");
        (await client.PostAsync("/api/v1/datasets/support-qa/versions", VersionForm(file, "data.csv"))).EnsureSuccessStatusCode();

        var response = await client.PostAsync("/api/v1/datasets/support-qa/versions", VersionForm(file, "data.csv", "v2"));
        var body = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["v1"], body.GetProperty("sameContentAs").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task BadFile_NamesLineAndColumn()
    {
        using var app = new NuqtaAppFactory();
        using var client = await WriterWithDatasetAsync(app);
        var file = Encoding.UTF8.GetBytes("question,answer,lang\nq1,a,ar\n,b,en\n");

        var response = await client.PostAsync("/api/v1/datasets/support-qa/versions", VersionForm(file, "data.csv"));
        var error = (await ApiAccessTests.ProblemAsync(response)).GetProperty("errors")[0];

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, error.GetProperty("line").GetInt64());
        Assert.Equal("question", error.GetProperty("column").GetString());
    }

    [Fact]
    public async Task OversizedFile_Rejected()
    {
        using var app = new NuqtaAppFactory(maxUploadBytes: 256);
        using var client = await WriterWithDatasetAsync(app);
        var rows = string.Concat(Enumerable.Range(1, 100).Select(i => $"question {i},answer,ar\n"));
        var file = Encoding.UTF8.GetBytes("question,answer,lang\n" + rows);

        var response = await client.PostAsync("/api/v1/datasets/support-qa/versions", VersionForm(file, "data.csv"));
        var problem = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("larger than the limit", problem.GetProperty("detail").GetString());
        Assert.Contains("Storage:MaxUploadBytes", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UnknownDataset_NotFound()
    {
        using var app = new NuqtaAppFactory();
        using var client = await WriterWithDatasetAsync(app);
        var file = Encoding.UTF8.GetBytes("question,answer,lang\nq1,a,ar\n");

        var response = await client.PostAsync("/api/v1/datasets/missing/versions", VersionForm(file, "data.csv"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<HttpClient> WriterWithDatasetAsync(NuqtaAppFactory app)
    {
        var client = await app.CreateKeyClientAsync("engineer@example.com", [Roles.Engineer], [Scopes.Read, Scopes.RegistryWrite]);
        var response = await client.PostAsJsonAsync("/api/v1/datasets", new { name = "support-qa", purpose = "golden" });
        response.EnsureSuccessStatusCode();
        return client;
    }

    private static MultipartFormDataContent VersionForm(byte[] file, string fileName, string version = "v1") => new()
    {
        { new StringContent(version), "version" },
        { new StringContent("question"), "inputField" },
        { new StringContent("answer"), "referenceField" },
        { new StringContent("lang"), "segmentFields" },
        { new ByteArrayContent(file), "file", fileName },
    };
}
