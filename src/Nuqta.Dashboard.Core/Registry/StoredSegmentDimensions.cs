using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Registry;

/// <summary>A segment dimension with its values and the code of every example, in example order.</summary>
public sealed record DecodedDimension(string Name, string[] Values, int[] Codes);

/// <summary>
/// Reads the segment dimensions of a dataset version. On SQLite the packed codes go through
/// incremental blob I/O straight into the code array, so a dimension of a million examples costs
/// one 4 MB array instead of a byte copy and an unpacked copy.
/// </summary>
public static class StoredSegmentDimensions
{
    /// <summary>Returns the version's dimensions in their ordinal order.</summary>
    public static async Task<List<DecodedDimension>> ReadAsync(NuqtaDbContext db, int datasetVersionId, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection connection || !BitConverter.IsLittleEndian)
        {
            var stored = await db.SegmentDimensions.AsNoTracking()
                .Where(d => d.DatasetVersionId == datasetVersionId)
                .OrderBy(d => d.Ordinal)
                .ToListAsync(cancellationToken);
            return stored.Select(d => new DecodedDimension(d.Name, JsonSerializer.Deserialize<string[]>(d.ValuesJson) ?? [], SegmentCodes.Unpack(d.Codes))).ToList();
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var rows = new List<(long RowId, string Name, string ValuesJson, long Length)>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = """SELECT rowid, "Name", "ValuesJson", length("Codes") FROM "SegmentDimensions" WHERE "DatasetVersionId" = $version ORDER BY "Ordinal" """;
                command.Parameters.AddWithValue("$version", datasetVersionId);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
                }
            }

            var dimensions = new List<DecodedDimension>(rows.Count);
            foreach (var (rowId, name, valuesJson, length) in rows)
            {
                var codes = GC.AllocateUninitializedArray<int>((int)(length / sizeof(int)));
                using (var blob = new SqliteBlob(connection, "SegmentDimensions", "Codes", rowId, readOnly: true))
                {
                    blob.ReadExactly(MemoryMarshal.AsBytes(codes.AsSpan()));
                }

                dimensions.Add(new DecodedDimension(name, JsonSerializer.Deserialize<string[]>(valuesJson) ?? [], codes));
            }

            return dimensions;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
