using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.IntegrationTests.Support;

namespace Nuqta.Dashboard.IntegrationTests;

/// <summary>
/// An import killed between writing its values and committing, and the app started again on the
/// same data folder. The kill is simulated by writing the pending rows into the stopped app's
/// SQLite file by hand.
/// </summary>
public sealed class AbandonedImportTests
{
    [Fact]
    public async Task Restart_RemovesPendingRun()
    {
        var directory = Directory.CreateTempSubdirectory("nuqta-it-").FullName;
        try
        {
            string secret;
            string databasePath;
            using (var stopped = new NuqtaAppFactory(dataDirectory: directory))
            {
                using var writer = await EvaluationApiTests.WriterWithDatasetAsync(stopped);
                secret = writer.DefaultRequestHeaders.Authorization!.Parameter!;
                databasePath = stopped.DatabasePath;
            }

            var runId = InsertPendingRun(databasePath);

            using var restarted = new NuqtaAppFactory(dataDirectory: directory);
            using var client = restarted.CreateKeyClient(secret);

            Assert.Equal(0, await EvaluationApiTests.CountRunsAsync(client));
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/evaluation-runs/{runId}")).StatusCode);
            await using var db = await restarted.Services.GetRequiredService<IDbContextFactory<NuqtaDbContext>>().CreateDbContextAsync();
            Assert.Equal(0, await db.EvaluationRuns.CountAsync());
            Assert.Equal(0, await db.RunMetricValues.CountAsync());
            Assert.Equal(0, await db.UnmatchedRows.CountAsync());
            var abandoned = await db.AuditEvents.SingleAsync(e => e.Action == "evaluation-run.abandoned");
            Assert.Equal(runId.ToString(CultureInfo.InvariantCulture), abandoned.SubjectId);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    // Writes the rows an import leaves when it dies after writing values: a pending run of
    // support-rag v1 on support-qa/v1, one faithfulness array and one unmatched row. Returns the run id.
    private static long InsertPendingRun(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();

        // The app reads these rows through EF Core's SQLite provider (version 10 here), which stores a
        // Guid as upper-case text and a DateTime as text of the form yyyy-MM-dd HH:mm:ss.FFFFFFF.
        command.CommandText = """
            INSERT INTO EvaluationRuns (ModelVersionId, DatasetVersionId, State, ImportId, EvaluatedAtUtc, Kind, Evaluator, EvaluatorVersion,
                Trial, Source, "Commit", ImportFormat, FileName, FileSha256, SplitValue, RowCount, MatchedRows, UnmatchedRows, ErrorRows,
                ImportedBy, ImportedAtUtc)
            VALUES ((SELECT Id FROM ModelVersions WHERE Label = 'v1'), (SELECT Id FROM DatasetVersions), 'Pending', $importId, $now,
                'Regression', 'ragas', '', 1, '', '', 'ragas', 'interrupted.csv', $sha256, NULL, 5, 4, 1, 0,
                'engineer@example.com', $now);
            INSERT INTO RunMetricValues (RunId, MetricId, "Values")
            VALUES (last_insert_rowid(), (SELECT Id FROM Metrics WHERE "Key" = 'faithfulness'), zeroblob(4 * 8));
            INSERT INTO UnmatchedRows (ImportId, Line, SplitValue, ExampleId, Input)
            VALUES ($importId, 6, NULL, NULL, 'What is H2O?');
            SELECT Id FROM EvaluationRuns WHERE ImportId = $importId;
            """;
        command.Parameters.AddWithValue("$importId", Guid.NewGuid().ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$now", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$sha256", new string('a', 64));
        return (long)command.ExecuteScalar()!;
    }
}
