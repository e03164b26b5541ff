using System.Globalization;
using System.Text;
using Nuqta.Dashboard.Core.Evaluation.Import;
using static Nuqta.Dashboard.Tests.Evaluation.Import.ImportTestFiles;

namespace Nuqta.Dashboard.Tests.Evaluation.Import;

/// <summary>Files larger than the 64 KiB read buffer, so that values cross buffer boundaries.</summary>
public class LargeFileTests
{
    private const int ResultCount = 3_000;

    [Fact]
    public void Promptfoo_ManyResultsAndLargeConfig()
    {
        var text = new StringBuilder();
        text.Append("{\n  \"evalId\": \"eval-large\",\n  \"config\": {\"description\": \"").Append('d', 200_000).Append("\"},\n");
        text.Append("  \"results\": {\n    \"version\": 3,\n    \"results\": [\n");
        for (var i = 0; i < ResultCount; i++)
        {
            var separator = i == ResultCount - 1 ? "" : ",";
            text.Append(CultureInfo.InvariantCulture, $"      {{\"provider\": \"p{i % 3}\", \"vars\": {{\"question\": \"سؤال رقم {i}\"}}, \"response\": {{\"output\": \"{new string('x', i % 97)}\"}}, \"success\": {(i % 2 == 0 ? "true" : "false")}, \"score\": {(i % 2 == 0 ? 1 : 0)}, \"latencyMs\": {i}, \"gradingResult\": {{\"pass\": true, \"score\": 1, \"reason\": \"ok\"}}, \"namedScores\": {{\"quality\": 0.{i % 10}}}, \"failureReason\": {(i % 2 == 0 ? 0 : 1)}}}{separator}\n");
        }

        text.Append("    ]\n  }\n}\n");
        var path = WriteTemp(text.ToString(), ".json");

        var (importer, rows) = ImportFile(path);

        Assert.Equal(ResultFormat.Promptfoo, importer.Format);
        Assert.Equal(ResultCount, rows.Count);
        Assert.Equal(7, rows[0].Line);
        Assert.Equal(7 + ResultCount - 1, rows[^1].Line);
        Assert.Equal($"سؤال رقم {ResultCount - 1}", rows[^1].InputText);
        Assert.Equal(ResultCount - 1, rows[^1].Metrics["latency_ms"]);
        Assert.Equal(ResultCount, importer.Metric("quality").ValueCount);
        Assert.Equal(1_000, importer.RowCountsBySplit["p2"]);
    }

    [Fact]
    public void RagasJson_ManyRecords()
    {
        var text = new StringBuilder("[\n");
        for (var i = 0; i < ResultCount; i++)
        {
            var separator = i == ResultCount - 1 ? "" : ",";
            text.Append(CultureInfo.InvariantCulture, $"  {{\"user_input\": \"q{i} {new string('ج', i % 50)}\", \"retrieved_contexts\": [\"c{i}\", \"d\"], \"faithfulness\": {(i % 5 == 0 ? "NaN" : "0.5")}}}{separator}\n");
        }

        text.Append("]\n");
        var path = WriteTemp(text.ToString(), ".json");

        var (importer, rows) = ImportFile(path);

        Assert.Equal(ResultFormat.Ragas, importer.Format);
        Assert.Equal(ResultCount, rows.Count);
        Assert.Equal(2, rows[0].Line);
        Assert.Equal(ResultCount + 1, rows[^1].Line);
        Assert.Equal([$"c{ResultCount - 1}", "d"], rows[^1].Contexts);
        Assert.Equal(ResultCount / 5, importer.Metric("faithfulness").MissingCount);
    }

    [Fact]
    public void RagasCsv_ManyRowsWithQuotedNewlines()
    {
        var text = new StringBuilder("user_input,response,faithfulness\r\n");
        for (var i = 0; i < ResultCount; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"question {i},\"line one\r\n**line two** of {i}\",0.{i % 10}\r\n");
        }

        var path = WriteTemp(text.ToString(), ".csv");

        var (_, rows) = ImportFile(path);

        Assert.Equal(ResultCount, rows.Count);
        Assert.Equal(2 + 2 * (ResultCount - 1), rows[^1].Line);
        Assert.Equal($"line one\n**line two** of {ResultCount - 1}", rows[^1].Output);
    }
}
