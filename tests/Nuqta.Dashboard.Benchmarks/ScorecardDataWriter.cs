using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Nuqta.Dashboard.Benchmarks;

/// <summary>
/// Writes generated models, datasets and weekly runs straight into the app's SQLite file in one
/// transaction with prepared statements, which takes seconds where importing 10,000 files through
/// the API would take hours. Weekly figures are left for the app's start-up to compute.
/// </summary>
internal sealed class ScorecardDataWriter(string databasePath)
{
    /// <summary>Examples per dataset version.</summary>
    public const int Examples = 100;

    private const string Timestamp = "yyyy-MM-dd HH:mm:ss";

    private static readonly string[] MetricKeys =
        ["faithfulness", "answer_relevancy", "context_precision", "context_recall", "answer_correctness", "latency_ms", "cited_support", "toxicity"];

    /// <summary>
    /// Writes <paramref name="models"/> models with version v1 holding production, a golden
    /// dataset with one version and a production-sample dataset with one version per week, and per
    /// model and week one regression run and one production-sample run with all eight metrics.
    /// Returns the number of runs written.
    /// </summary>
    public int Write(int models, IReadOnlyList<DateTime> weekMondaysUtc)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var metricIds = MetricKeys.ToDictionary(k => k, k => Convert.ToInt32(Scalar(connection, transaction, "SELECT Id FROM Metrics WHERE Key = $key", ("$key", k)), CultureInfo.InvariantCulture));
        var created = weekMondaysUtc[0].AddDays(-7);

        var golden = InsertDataset(connection, transaction, "bench-golden", "Golden", created);
        var goldenVersion = InsertDatasetVersion(connection, transaction, golden, "v1", created);
        var traffic = InsertDataset(connection, transaction, "bench-traffic", "ProductionSample", created);
        var trafficVersions = weekMondaysUtc.Select((monday, i) => InsertDatasetVersion(connection, transaction, traffic, "w" + i.ToString("D3", CultureInfo.InvariantCulture), monday)).ToList();

        var runInsert = Prepare(connection, transaction, "EvaluationRuns",
            ["ModelVersionId", "DatasetVersionId", "State", "ImportId", "EvaluatedAtUtc", "Kind", "Evaluator", "Trial", "ImportFormat", "FileName", "FileSha256", "RowCount", "MatchedRows", "ImportedBy", "ImportedAtUtc"]);
        var valuesInsert = Prepare(connection, transaction, "RunMetricValues", ["RunId", "MetricId", "Values"]);
        var random = new Random(20261204);
        var runs = 0;
        for (var m = 0; m < models; m++)
        {
            var name = "bench-model-" + m.ToString("D2", CultureInfo.InvariantCulture);
            var versionId = InsertModelWithProduction(connection, transaction, name, created);
            for (var w = 0; w < weekMondaysUtc.Count; w++)
            {
                var evaluatedAt = weekMondaysUtc[w].AddDays(2).AddHours(10);
                foreach (var (datasetVersionId, kind) in new[] { (goldenVersion, "Regression"), (trafficVersions[w], "ProductionSample") })
                {
                    var runId = Insert(runInsert,
                        versionId, datasetVersionId, "Committed", Guid.NewGuid().ToString(), Format(evaluatedAt), kind, "bench", 1, "csv", "bench.csv",
                        $"{m:D2}{w:D3}{kind}", Examples, Examples, "benchmark", Format(evaluatedAt));
                    foreach (var key in MetricKeys)
                    {
                        Insert(valuesInsert, runId, metricIds[key], Pack(GenerateValues(key, random)));
                    }

                    runs++;
                }
            }
        }

        transaction.Commit();
        return runs;
    }

    private static double[] GenerateValues(string key, Random random)
    {
        var values = new double[Examples];
        for (var i = 0; i < Examples; i++)
        {
            values[i] = key switch
            {
                // Log-normal around 900 ms, so that p95 sits near 2,000 ms with some weeks above 2,500.
                "latency_ms" => Math.Round(900 * Math.Exp(0.5 * Gaussian(random)), 1),
                "cited_support" => random.NextDouble() < 0.93 ? 1 : 0,
                "toxicity" => random.NextDouble() < 0.997 ? Math.Round(random.NextDouble() * 0.1, 3) : 0.8,
                _ => Math.Round(0.55 + (0.45 * random.NextDouble()), 3),
            };
        }

        return values;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static byte[] Pack(double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return bytes;
    }

    private static long InsertDataset(SqliteConnection connection, SqliteTransaction transaction, string name, string purpose, DateTime created) =>
        Insert(Prepare(connection, transaction, "Datasets", ["Name", "NormalizedName", "Purpose", "Team", "CreatedAtUtc", "CreatedBy"]), name, name, purpose, "bench", Format(created), "benchmark");

    private static long InsertDatasetVersion(SqliteConnection connection, SqliteTransaction transaction, long datasetId, string label, DateTime created) =>
        Insert(
            Prepare(connection, transaction, "DatasetVersions", ["DatasetId", "Label", "NormalizedLabel", "State", "ContentSha256", "SourceFileName", "SourceFormat", "RowCount", "InputField", "CreatedAtUtc", "CreatedBy"]),
            datasetId, label, label, "Committed", $"{datasetId}-{label}", "bench.csv", "csv", Examples, "question", Format(created), "benchmark");

    /// <summary>Inserts the model, its version v1 and a production alias that moved to v1 at <paramref name="created"/>; returns the version id.</summary>
    private static long InsertModelWithProduction(SqliteConnection connection, SqliteTransaction transaction, string name, DateTime created)
    {
        var modelId = Insert(Prepare(connection, transaction, "Models", ["Name", "NormalizedName", "Team", "CreatedAtUtc", "CreatedBy"]), name, name, "bench", Format(created), "benchmark");
        var versionId = Insert(
            Prepare(connection, transaction, "ModelVersions", ["ModelId", "Label", "NormalizedLabel", "CreatedAtUtc", "CreatedBy"]),
            modelId, "v1", "v1", Format(created), "benchmark");
        var aliasId = Insert(
            Prepare(connection, transaction, "Aliases", ["ModelId", "Name", "ModelVersionId", "Revision", "UpdatedAtUtc"]),
            modelId, "production", versionId, 1, Format(created));
        Insert(
            Prepare(connection, transaction, "AliasMoves", ["AliasId", "ToVersionId", "Kind", "MovedAtUtc", "ActorName", "Reason"]),
            aliasId, versionId, "Set", Format(created), "benchmark", "generated");
        return versionId;
    }

    /// <summary>
    /// Prepares an INSERT of the given columns. Other NOT NULL columns without a default get a
    /// zero, an empty text or a fixed time, so the writer keeps working when a table gains a column.
    /// </summary>
    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns)
    {
        var extra = new List<(string Name, string Literal)>();
        using (var info = connection.CreateCommand())
        {
            info.Transaction = transaction;
            info.CommandText = $"PRAGMA table_info(\"{table}\")";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                var (name, type, notNull, hasDefault, isKey) = (reader.GetString(1), reader.GetString(2), reader.GetInt32(3) == 1, !reader.IsDBNull(4), reader.GetInt32(5) > 0);
                if (!notNull || hasDefault || isKey || columns.Contains(name))
                {
                    continue;
                }

                extra.Add((name, type switch
                {
                    "INTEGER" or "REAL" => "0",
                    "BLOB" => "X''",
                    _ when name.EndsWith("Utc", StringComparison.Ordinal) => "'2026-01-01 00:00:00'",
                    _ => "''",
                }));
            }
        }

        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = columns.Select(c => $"\"{c}\"").Concat(extra.Select(e => $"\"{e.Name}\""));
        var values = columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)).Concat(extra.Select(e => e.Literal));
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", names)}) VALUES ({string.Join(", ", values)}); SELECT last_insert_rowid();";
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null));
        }

        return command;
    }

    private static long Insert(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar() ?? throw new InvalidOperationException($"'{sql}' returned no row; did the app create its database?");
    }

    private static string Format(DateTime utc) => utc.ToString(Timestamp, CultureInfo.InvariantCulture);
}
