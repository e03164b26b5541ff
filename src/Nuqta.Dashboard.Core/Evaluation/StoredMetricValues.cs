using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Evaluation;

/// <summary>
/// Reads stored metric arrays (<see cref="RunMetricValues.Values"/>) as doubles. On SQLite the
/// bytes go through incremental blob I/O straight into the returned array, so a metric of a million
/// examples costs one 8 MB array instead of a byte copy and an unpacked copy. Other database
/// engines read the blob through EF Core.
/// </summary>
internal static class StoredMetricValues
{
    /// <summary>
    /// Returns the values of the given runs, keyed by run and metric id; pairs without stored values
    /// are left out. <paramref name="metricIds"/> null reads every metric of the runs.
    /// </summary>
    public static async Task<Dictionary<(int RunId, int MetricId), double[]>> ReadAsync(
        NuqtaDbContext db, IReadOnlyCollection<int> runIds, IReadOnlyCollection<int>? metricIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(int RunId, int MetricId), double[]>();
        if (runIds.Count == 0 || metricIds is { Count: 0 })
        {
            return result;
        }

        if (db.Database.GetDbConnection() is not SqliteConnection connection)
        {
            var rows = await db.RunMetricValues.AsNoTracking()
                .Where(v => runIds.Contains(v.RunId) && (metricIds == null || metricIds.Contains(v.MetricId)))
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                result[(row.RunId, row.MetricId)] = EvaluationImportService.Unpack(row.Values);
            }

            return result;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var (rowId, runId, metricId, length) in await ListBlobsAsync(connection, runIds, metricIds, cancellationToken))
            {
                var values = GC.AllocateUninitializedArray<double>((int)(length / sizeof(double)));
                using (var blob = new SqliteBlob(connection, "RunMetricValues", "Values", rowId, readOnly: true))
                {
                    blob.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
                }

                if (!BitConverter.IsLittleEndian)
                {
                    var bytes = MemoryMarshal.AsBytes(values.AsSpan());
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(i * sizeof(double), sizeof(double)));
                    }
                }

                result[(runId, metricId)] = values;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return result;
    }

    private static async Task<List<(long RowId, int RunId, int MetricId, long Length)>> ListBlobsAsync(
        SqliteConnection connection, IReadOnlyCollection<int> runIds, IReadOnlyCollection<int>? metricIds, CancellationToken cancellationToken)
    {
        // The ids are integers from the database, so they are written into the statement as numbers.
        var runList = string.Join(",", runIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var metricFilter = metricIds is null
            ? ""
            : $""" AND "MetricId" IN ({string.Join(",", metricIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)))})""";
        using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT rowid, "RunId", "MetricId", length("Values") FROM "RunMetricValues" WHERE "RunId" IN ({runList}){metricFilter} ORDER BY "RunId", "MetricId" """;
        var blobs = new List<(long, int, int, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            blobs.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt64(3)));
        }

        return blobs;
    }
}
