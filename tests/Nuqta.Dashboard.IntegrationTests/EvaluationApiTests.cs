using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.IntegrationTests.Support;

namespace Nuqta.Dashboard.IntegrationTests;

public sealed class EvaluationApiTests
{
    /// <summary>Upload limit of the apps in these tests: above every valid file here, below the oversized one.</summary>
    private const long MaxUploadBytes = 4096;

    /// <summary>
    /// A Ragas result table for four questions answered by two systems, alpha and beta, in the
    /// model column. Header on line 1, alpha's rows on lines 2 to 5, beta's on lines 6 to 9.
    /// alpha has no answer relevancy for the Hamlet question.
    /// </summary>
    private const string RagasResults =
        "user_input,retrieved_contexts,response,reference,model,faithfulness,answer_relevancy\n" +
        "ما هو أجل الطعن بالنقض؟,\"['يرفع الطعن خلال شهرين من تاريخ التبليغ']\",شهران,شهران,alpha,0.9,0.8\n" +
        "كيف أجدد جواز السفر؟,\"['يقدم الطلب في مكتب الجوازات']\",في مكتب الجوازات,في مكتب الجوازات,alpha,0.7,0.6\n" +
        "What is the boiling point of water?,\"['Water boils at 100 °C at sea level.']\",100 °C,100 °C,alpha,1.0,0.9\n" +
        "Who wrote Hamlet?,\"['Hamlet is a play by Shakespeare.']\",Shakespeare,William Shakespeare,alpha,0.8,\n" +
        "ما هو أجل الطعن بالنقض؟,\"['يرفع الطعن خلال شهرين من تاريخ التبليغ']\",ستون يوما,شهران,beta,0.4,0.5\n" +
        "كيف أجدد جواز السفر؟,\"['يقدم الطلب في مكتب الجوازات']\",في مكتب الجوازات,في مكتب الجوازات,beta,0.6,0.7\n" +
        "What is the boiling point of water?,\"['Water boils at 100 °C at sea level.']\",100 °C,100 °C,beta,0.9,0.8\n" +
        "Who wrote Hamlet?,\"['Hamlet is a play by Shakespeare.']\",Shakespeare,William Shakespeare,beta,1.0,0.9\n";

    private const string AlphaV1BetaV2 = "{\"alpha\": \"v1\", \"beta\": \"v2\"}";

    [Fact]
    public async Task Import_SplitIntoTwoRuns()
    {
        using var app = new NuqtaAppFactory(MaxUploadBytes);
        using var client = await WriterWithDatasetAsync(app);

        var response = await client.PostAsync("/api/v1/evaluation-runs", ImportForm(RagasResults, "ragas.csv"));
        var body = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("ragas", body.GetProperty("format").GetString());
        var runs = body.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        var alpha = runs.Single(r => r.GetProperty("splitValue").GetString() == "alpha");
        Assert.Equal("v1", alpha.GetProperty("version").GetString());
        Assert.Equal(4, alpha.GetProperty("matchedRows").GetInt32());
        var beta = runs.Single(r => r.GetProperty("splitValue").GetString() == "beta");
        Assert.Equal("v2", beta.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Run_SegmentAggregates()
    {
        using var app = new NuqtaAppFactory(MaxUploadBytes);
        using var client = await WriterWithDatasetAsync(app);
        var created = await ApiAccessTests.ProblemAsync(await client.PostAsync("/api/v1/evaluation-runs", ImportForm(RagasResults, "ragas.csv")));
        var alphaId = created.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("splitValue").GetString() == "alpha").GetProperty("id").GetInt32();

        var response = await client.GetAsync($"/api/v1/evaluation-runs/{alphaId}?segment=lang");
        var body = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var segments = body.GetProperty("segments").EnumerateArray().ToList();

        // alpha's faithfulness is 0.9 and 0.7 on the Arabic questions, 1.0 and 0.8 on the English ones.
        var arabic = SegmentOf(segments, "faithfulness", "ar");
        Assert.Equal(2, arabic.GetProperty("count").GetInt32());
        Assert.Equal(0.8, arabic.GetProperty("mean").GetDouble(), 1e-9);
        var english = SegmentOf(segments, "faithfulness", "en");
        Assert.Equal(0.9, english.GetProperty("mean").GetDouble(), 1e-9);

        // The Hamlet row has an empty answer relevancy, so lang=en has one value and one missing.
        var relevancy = SegmentOf(segments, "answer_relevancy", "en");
        Assert.Equal(1, relevancy.GetProperty("count").GetInt32());
        Assert.Equal(1, relevancy.GetProperty("missing").GetInt32());
    }

    [Fact]
    public async Task Import_RetryReturnsSameRuns()
    {
        using var app = new NuqtaAppFactory(MaxUploadBytes);
        using var client = await WriterWithDatasetAsync(app);
        var first = await ApiAccessTests.ProblemAsync(await client.PostAsync("/api/v1/evaluation-runs", ImportForm(RagasResults, "ragas.csv")));

        var response = await client.PostAsync("/api/v1/evaluation-runs", ImportForm(RagasResults, "ragas.csv"));
        var retry = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(retry.GetProperty("alreadyImported").GetBoolean());
        Assert.Equal(RunIds(first), RunIds(retry));
        Assert.Equal(2, await CountRunsAsync(client));
    }

    [Theory]
    [InlineData("text-in-metric")]
    [InlineData("out-of-scale")]
    [InlineData("truncated-json")]
    [InlineData("wrong-width")]
    [InlineData("empty")]
    [InlineData("binary")]
    [InlineData("unknown-version")]
    [InlineData("oversized")]
    public async Task Import_BadInputRejected(string name)
    {
        var bad = BadInputs.Single(b => b.Name == name);
        using var app = new NuqtaAppFactory(MaxUploadBytes);
        using var client = await WriterWithDatasetAsync(app);

        var form = ImportForm(bad.Content, bad.FileName, bad.VersionMap ?? AlphaV1BetaV2);
        var response = await client.PostAsync("/api/v1/evaluation-runs", form);
        var problem = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var error = problem.GetProperty("errors")[0];
        Assert.Equal(bad.Line, NumberOrNull(error.GetProperty("line")));
        Assert.Equal(bad.Column, error.GetProperty("column").GetString());
        Assert.Equal(bad.Field, error.GetProperty("field").GetString());
        Assert.Equal(bad.Value, error.GetProperty("value").GetString());
        Assert.Contains(bad.MessagePart, error.GetProperty("message").GetString());
        Assert.Equal(0, await CountRunsAsync(client));
    }

    [Fact]
    public async Task Import_WithoutRunsScopeForbidden()
    {
        using var app = new NuqtaAppFactory(MaxUploadBytes);
        using var writer = await WriterWithDatasetAsync(app);
        var owner = await app.CreateUserAsync("reader@example.com", Roles.Engineer);
        var key = await app.CreateKeyAsync(owner, [Scopes.Read, Scopes.RegistryWrite]);
        using var client = app.CreateKeyClient(key.Secret);

        var response = await client.PostAsync("/api/v1/evaluation-runs", ImportForm(RagasResults, "ragas.csv"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await CountRunsAsync(writer));
    }

    [Fact]
    public async Task Metrics_ListsEightBuiltIns()
    {
        using var app = new NuqtaAppFactory();
        using var client = await app.CreateKeyClientAsync("viewer@example.com", [Roles.Viewer], [Scopes.Read]);

        var response = await client.GetAsync("/api/v1/metrics");
        var metrics = (await ApiAccessTests.ProblemAsync(response)).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string[] expected = ["faithfulness", "answer_relevancy", "context_precision", "context_recall", "answer_correctness", "latency_ms", "cited_support", "toxicity"];
        Assert.Equal(expected, metrics.Select(m => m.GetProperty("key").GetString()));
        Assert.All(metrics, m => Assert.True(m.GetProperty("isBuiltIn").GetBoolean()));
    }

    /// <summary>
    /// A rejected upload and the first error that the 400 response must list. Line, column and
    /// value are null where the error is about the whole file or a form field, not a cell.
    /// </summary>
    private sealed record BadInput(string Name, byte[] Content, string FileName, long? Line, string? Column, string? Field, string? Value, string MessagePart, string? VersionMap = null);

    private static readonly BadInput[] BadInputs =
    [
        new("text-in-metric", Utf8("user_input,response,model,faithfulness\nWho wrote Hamlet?,Shakespeare,alpha,0.9\nWhat is the boiling point of water?,100 °C,alpha,high\n"), "ragas.csv", 3, "faithfulness", null, "high", "is not a number"),
        new("out-of-scale", Utf8("user_input,response,model,faithfulness\nWho wrote Hamlet?,Shakespeare,alpha,0.9\nWhat is the boiling point of water?,100 °C,alpha,1.3\n"), "ragas.csv", 3, "faithfulness", null, "1.3", "0-1 scale"),
        new("truncated-json", Utf8("[\n  {\"user_input\": \"Who wrote Hamlet?\", \"model\": \"alpha\", \"faithfulness\": 0.9},\n  {\"user_input\": \"What is the boiling point of water?\", \"model\": \"al"), "ragas.json", 3, null, null, null, "truncated"),
        new("wrong-width", Utf8("user_input,response,model,faithfulness\nWho wrote Hamlet?,Shakespeare,alpha,0.9\nWhat is the boiling point of water?,100 °C,alpha,0.8,extra\n"), "ragas.csv", 3, "faithfulness", null, "extra", "fields"),
        // The upload itself is rejected before any parsing, so the error names the file part.
        new("empty", [], "ragas.csv", null, null, "file", "ragas.csv", "empty"),
        // The first bytes of a PNG image.
        new("binary", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52], "ragas.csv", 1, null, null, null, "binary"),
        new("unknown-version", Utf8(RagasResults), "ragas.csv", null, null, "version", "v9", "v9", VersionMap: "{\"alpha\": \"v1\", \"beta\": \"v9\"}"),
        new("oversized", Utf8("user_input,response,model,faithfulness\n" + string.Concat(Enumerable.Repeat("Who wrote Hamlet?,Shakespeare,alpha,0.9\n", 200))), "ragas.csv", null, null, "file", "ragas.csv", "Storage:MaxUploadBytes"),
    ];

    /// <summary>
    /// Creates an engineer with a key for reading, registering and importing, and registers the
    /// model support-rag (v1, v2) and the dataset version support-qa/v1: four questions with ids
    /// q1 to q4, two Arabic (lang=ar) and two English (lang=en).
    /// </summary>
    internal static async Task<HttpClient> WriterWithDatasetAsync(NuqtaAppFactory app)
    {
        var client = await app.CreateKeyClientAsync("engineer@example.com", [Roles.Engineer], [Scopes.Read, Scopes.RegistryWrite, Scopes.RunsWrite]);
        (await client.PostAsJsonAsync("/api/v1/models", new { name = "support-rag", team = "support" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/models/support-rag/versions", new { version = "v1" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/models/support-rag/versions", new { version = "v2" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/datasets", new { name = "support-qa", purpose = "golden" })).EnsureSuccessStatusCode();

        var examples = "id,question,lang\n" +
            "q1,ما هو أجل الطعن بالنقض؟,ar\n" +
            "q2,كيف أجدد جواز السفر؟,ar\n" +
            "q3,What is the boiling point of water?,en\n" +
            "q4,Who wrote Hamlet?,en\n";
        var form = new MultipartFormDataContent
        {
            { new StringContent("v1"), "version" },
            { new StringContent("id"), "idField" },
            { new StringContent("question"), "inputField" },
            { new StringContent("lang"), "segmentFields" },
            { new ByteArrayContent(Utf8(examples)), "file", "examples.csv" },
        };
        (await client.PostAsync("/api/v1/datasets/support-qa/versions", form)).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Builds the import form for support-rag on support-qa/v1, split by the model column.</summary>
    internal static MultipartFormDataContent ImportForm(string content, string fileName, string versionMap = AlphaV1BetaV2) =>
        ImportForm(Utf8(content), fileName, versionMap);

    private static MultipartFormDataContent ImportForm(byte[] content, string fileName, string versionMap) => new()
    {
        { new StringContent("support-rag"), "model" },
        { new StringContent("support-qa"), "dataset" },
        { new StringContent("v1"), "datasetVersion" },
        { new StringContent("model"), "splitBy" },
        { new StringContent(versionMap), "versionMap" },
        { new StringContent("ragas"), "evaluator" },
        { new ByteArrayContent(content), "file", fileName },
    };

    /// <summary>Returns the number of committed runs that the API lists.</summary>
    internal static async Task<int> CountRunsAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/evaluation-runs");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32();
    }

    private static JsonElement SegmentOf(List<JsonElement> segments, string metric, string value) =>
        segments.Single(s => s.GetProperty("metric").GetString() == metric && s.GetProperty("segment").GetString() == value);

    private static List<int> RunIds(JsonElement body) =>
        body.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).Order().ToList();

    private static long? NumberOrNull(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetInt64();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
