using System.Buffers;
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
        var read = await ReadAsync(db, runIds, metricIds, length => GC.AllocateUninitializedArray<double>(length), cancellationToken);
        return read.ToDictionary(entry => entry.Key, entry => entry.Value.Array!);
    }

    /// <summary>
    /// Returns the values like <see cref="ReadAsync(NuqtaDbContext, IReadOnlyCollection{int}, IReadOnlyCollection{int}?, CancellationToken)"/>,
    /// in arrays rented from <see cref="ArrayPool{T}.Shared"/>. The caller returns each segment's array to the pool.
    /// </summary>
    public static Task<Dictionary<(int RunId, int MetricId), ArraySegment<double>>> ReadRentedAsync(
        NuqtaDbContext db, IReadOnlyCollection<int> runIds, IReadOnlyCollection<int>? metricIds, CancellationToken cancellationToken) =>
        ReadAsync(db, runIds, metricIds, length => ArrayPool<double>.Shared.Rent(length), cancellationToken);

    // Reads each blob into an array from allocate, which may return a longer array than asked for.
    private static async Task<Dictionary<(int RunId, int MetricId), ArraySegment<double>>> ReadAsync(
        NuqtaDbContext db, IReadOnlyCollection<int> runIds, IReadOnlyCollection<int>? metricIds, Func<int, double[]> allocate, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(int RunId, int MetricId), ArraySegment<double>>();
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
                var unpacked = EvaluationImportService.Unpack(row.Values);
                var target = allocate(unpacked.Length);
                unpacked.CopyTo(target, 0);
                result[(row.RunId, row.MetricId)] = new ArraySegment<double>(target, 0, unpacked.Length);
            }

            return result;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var (rowId, runId, metricId, length) in await ListBlobsAsync(connection, runIds, metricIds, cancellationToken))
            {
                var count = (int)(length / sizeof(double));
                var allocated = allocate(count);
                var values = allocated.AsSpan(0, count);
                using (var blob = new SqliteBlob(connection, "RunMetricValues", "Values", rowId, readOnly: true))
                {
                    blob.ReadExactly(MemoryMarshal.AsBytes(values));
                }

                if (!BitConverter.IsLittleEndian)
                {
                    var bytes = MemoryMarshal.AsBytes(values);
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(i * sizeof(double), sizeof(double)));
                    }
                }

                result[(runId, metricId)] = new ArraySegment<double>(allocated, 0, count);
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
