using System.Text;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Registry;

public sealed class DatasetVersionCreatorTests
{
    private const string Dataset = "support-qa";

    [Fact]
    public async Task Csv_BomCrlfQuotedNewlines()
    {
        await using var host = await StartWithDatasetAsync();
        var bytes = Utf8("\uFEFFid,question,answer\r\n1,\"line one\r\nline two\",a\r\n2,\"say \"\"hi\"\"\",b\r\n3,plain,c\r\n");

        var version = await CreateAsync(host, "data.csv", bytes, idField: "id");

        Assert.Equal(3, version.RowCount);
        Assert.Equal("csv", version.SourceFormat);
        var examples = await LoadExamplesAsync(host);
        Assert.Equal(["1", "2", "3"], examples.Select(e => e.Key));
        // The reader stores a line break inside a quoted field as LF, whatever form the file uses.
        Assert.Equal("line one\nline two", examples[0].Input);
        Assert.Equal("say \"hi\"", examples[1].Input);
    }

    [Fact]
    public async Task JsonArray_Accepted()
    {
        await using var host = await StartWithDatasetAsync();
        var bytes = Utf8("[\n  {\"id\": \"a\", \"question\": \"q1\", \"answer\": \"r1\"},\n  {\"id\": \"b\", \"question\": \"q2\", \"answer\": null}\n]");

        var version = await CreateAsync(host, "data.json", bytes, idField: "id");

        Assert.Equal(2, version.RowCount);
        Assert.Equal("json", version.SourceFormat);
        var examples = await LoadExamplesAsync(host);
        Assert.Equal("r1", examples[0].Reference);
        Assert.Null(examples[1].Reference);
    }

    [Fact]
    public async Task Jsonl_Accepted()
    {
        await using var host = await StartWithDatasetAsync();
        var bytes = Utf8("{\"question\": \"q1\", \"answer\": \"r1\"}\n\n{\"question\": \"q2\", \"answer\": \"r2\"}\n{\"question\": \"q3\", \"answer\": \"r3\"}\n");

        var version = await CreateAsync(host, "data.jsonl", bytes);

        Assert.Equal(3, version.RowCount);
        Assert.Equal("jsonl", version.SourceFormat);
    }

    [Fact]
    public async Task NoIdField_HashKeys()
    {
        await using var host = await StartWithDatasetAsync();
        var bytes = Utf8("question,answer\nwhat is nuqta,a\nwhat is a dot,b\n");

        await CreateAsync(host, "data.csv", bytes);

        var examples = await LoadExamplesAsync(host);
        Assert.Equal(ExampleKeys.FromInput("what is nuqta"), examples[0].Key);
        Assert.StartsWith(ExampleKeys.HashPrefix, examples[1].Key);
    }

    [Fact]
    public async Task HashKeys_DiacriticsKept()
    {
        await using var host = await StartWithDatasetAsync();

        // Arabic "kataba" without and with short-vowel marks is two different texts, so the keys differ.
        var bytes = Utf8("question,answer\n\u0643\u062a\u0628,a\n\u0643\u064e\u062a\u064e\u0628\u064e,b\n");

        var version = await CreateAsync(host, "data.csv", bytes);

        Assert.Equal(2, version.RowCount);
        var examples = await LoadExamplesAsync(host);
        Assert.NotEqual(examples[0].Key, examples[1].Key);
    }

    [Fact]
    public async Task DuplicateKeys_ListLinesSaveNothing()
    {
        await using var host = await StartWithDatasetAsync();

        // Lines 2 and 4 differ only in whitespace, so they get the same hash key.
        var bytes = Utf8("question,answer\nwhat is  nuqta,a\nother,b\n what is nuqta\t,c\n");

        var act = () => CreateAsync(host, "data.csv", bytes);

        var error = await Assert.ThrowsAsync<InputValidationException>(act);
        Assert.Contains("lines 2, 4", error.Errors[0].Message);
        Assert.Equal(2, error.Errors[0].Line);
        await using var db = host.CreateContext();
        Assert.Equal(0, await db.DatasetVersions.CountAsync());
        Assert.Equal(0, await db.DatasetExamples.CountAsync());
    }

    [Fact]
    public async Task DuplicateIds_Rejected()
    {
        await using var host = await StartWithDatasetAsync();
        var bytes = Utf8("{\"id\": \"x\", \"question\": \"q1\"}\n{\"id\": \"y\", \"question\": \"q2\"}\n{\"id\": \"x\", \"question\": \"q3\"}\n");

        var act = () => CreateAsync(host, "data.jsonl", bytes, idField: "id", referenceField: null);

        var error = await Assert.ThrowsAsync<InputValidationException>(act);
        Assert.Contains("the key 'x' appears on lines 1, 3", error.Errors[0].Message);
    }

    [Fact]
    public async Task WrongColumnCount_NamesLine()
    {
        await using var host = await StartWithDatasetAsync();
        var bytes = Utf8("question,answer\nq1,a\nq2,b,extra\nq3,c\n");

        var act = () => CreateAsync(host, "data.csv", bytes);

        var error = await Assert.ThrowsAsync<InputValidationException>(act);
        Assert.Equal(3, error.Errors[0].Line);
        Assert.Contains("3 fields but the header has 2", error.Errors[0].Message);
    }

    [Fact]
    public async Task EmptyFile_Rejected()
    {
        await using var host = await StartWithDatasetAsync();

        var act = () => CreateAsync(host, "data.csv", []);

        var error = await Assert.ThrowsAsync<InputValidationException>(act);
        Assert.Contains("the file is empty", error.Message);
    }

    [Fact]
    public async Task HeaderOnly_Rejected()
    {
        await using var host = await StartWithDatasetAsync();

        var act = () => CreateAsync(host, "data.csv", Utf8("question,answer\n"));

        var error = await Assert.ThrowsAsync<InputValidationException>(act);
        Assert.Contains("no examples", error.Message);
    }

    [Fact]
    public async Task InvalidUtf8_NamesLine()
    {
        await using var host = await StartWithDatasetAsync();
        var bytes = Utf8("question,answer\nq1,a\n").Concat(new byte[] { (byte)'q', 0xC3, 0x28, (byte)',', (byte)'b', (byte)'\n' }).ToArray();

        var act = () => CreateAsync(host, "data.csv", bytes);

        var error = await Assert.ThrowsAsync<InputValidationException>(act);
        Assert.Equal(3, error.Errors[0].Line);
        Assert.Contains("not valid UTF-8", error.Errors[0].Message);
    }

    [Fact]
    public async Task JsonExtensionWithCsv_Rejected()
    {
        await using var host = await StartWithDatasetAsync();

        var act = () => CreateAsync(host, "data.json", Utf8("question,answer\nq1,a\n"));

        var error = await Assert.ThrowsAsync<InputValidationException>(act);
        Assert.Contains("ends in '.json' but its content looks like delimited text", error.Message);
    }

    [Fact]
    public async Task Segments_CountsStored()
    {
        await using var host = await StartWithDatasetAsync();
        var bytes = Utf8("question,answer,lang\nq1,a,ar\nq2,b,en\nq3,c,ar\nq4,d,\n");

        var version = await CreateAsync(host, "data.csv", bytes, segmentFields: ["lang"]);

        var segment = Assert.Single(version.Segments);
        Assert.Equal("lang", segment.Name);
        Assert.Equal(2, segment.Values.Single(v => v.Value == "ar").Count);
        Assert.Equal(1, segment.Values.Single(v => v.Value == "en").Count);
        Assert.Equal(1, segment.Values.Single(v => v.Value == "").Count);
    }

    [Fact]
    public async Task Created_StoresContentHash()
    {
        await using var host = await StartWithDatasetAsync();
        var bytes = Utf8("question,answer\nq1,a\n");

        var version = await CreateAsync(host, "data.csv", bytes);

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), version.ContentSha256);
    }

    [Fact]
    public async Task Created_WritesAuditEvent()
    {
        await using var host = await StartWithDatasetAsync();

        await CreateAsync(host, "data.csv", Utf8("question,answer\nq1,a\n"));

        var actions = await LoadActionsAsync(host);
        Assert.Equal("dataset.version.created", actions[^1]);
    }

    [Fact]
    public async Task RejectedRows_WritesAuditEvent()
    {
        await using var host = await StartWithDatasetAsync();

        await Assert.ThrowsAsync<InputValidationException>(() => CreateAsync(host, "data.csv", Utf8("question,answer\nq1,a\nq2\n")));

        var actions = await LoadActionsAsync(host);
        Assert.Equal("dataset.version.rejected", actions[^1]);
    }

    [Fact]
    public async Task RejectedFormat_WritesAuditEvent()
    {
        await using var host = await StartWithDatasetAsync();

        await Assert.ThrowsAsync<InputValidationException>(() => CreateAsync(host, "data.csv", []));

        var actions = await LoadActionsAsync(host);
        Assert.Equal("dataset.version.rejected", actions[^1]);
    }

    [Fact]
    public async Task DuplicateLabel_Conflict()
    {
        await using var host = await StartWithDatasetAsync();
        await CreateAsync(host, "data.csv", Utf8("question,answer\nq1,a\n"));

        var act = () => CreateAsync(host, "data.csv", Utf8("question,answer\nq2,b\n"));

        await Assert.ThrowsAsync<ConflictException>(act);
    }

    [Fact]
    public async Task Viewer_Denied()
    {
        await using var host = await StartWithDatasetAsync();

        var act = () => CreateAsync(host, "data.csv", Utf8("question,answer\nq1,a\n"), actor: Actors.Viewer);

        await Assert.ThrowsAsync<AccessDeniedException>(act);
    }

    private static async Task<CoreHost> StartWithDatasetAsync()
    {
        var host = await CoreHost.StartAsync();
        await host.Get<DatasetRegistry>().RegisterDatasetAsync(Actors.Engineer, new RegisterDatasetRequest(Dataset, "golden", "support", null));
        return host;
    }

    private static async Task<DatasetVersionView> CreateAsync(
        CoreHost host,
        string fileName,
        byte[] content,
        string? idField = null,
        string? referenceField = "answer",
        string[]? segmentFields = null,
        Nuqta.Dashboard.Core.Access.Actor? actor = null)
    {
        var path = Path.Combine(host.Directory, Guid.NewGuid().ToString("n"));
        await File.WriteAllBytesAsync(path, content);
        var request = new CreateDatasetVersionRequest("v1", path, fileName, null, idField, "question", referenceField, segmentFields ?? [], []);
        return await host.Get<DatasetVersionCreator>().CreateAsync(actor ?? Actors.Engineer, Dataset, request);
    }

    private static async Task<List<DatasetExample>> LoadExamplesAsync(CoreHost host)
    {
        await using var db = host.CreateContext();
        return await db.DatasetExamples.AsNoTracking().OrderBy(e => e.ExampleIndex).ToListAsync();
    }

    private static async Task<List<string>> LoadActionsAsync(CoreHost host)
    {
        await using var db = host.CreateContext();
        return await db.AuditEvents.OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
