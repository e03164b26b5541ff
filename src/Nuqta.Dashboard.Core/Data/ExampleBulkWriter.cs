using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Data;

/// <summary>
/// Inserts many dataset examples quickly. EF Core's change tracker is too slow for a million
/// rows, so this writes through one prepared command per chunk.
/// </summary>
public interface IExampleBulkWriter
{
    /// <summary>Inserts the examples in one short transaction.</summary>
    Task WriteAsync(NuqtaDbContext db, IReadOnlyList<DatasetExample> examples, CancellationToken cancellationToken = default);
}

/// <inheritdoc />
public sealed class SqliteExampleBulkWriter : IExampleBulkWriter
{
    public async Task WriteAsync(NuqtaDbContext db, IReadOnlyList<DatasetExample> examples, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText =
                "INSERT INTO DatasetExamples (DatasetVersionId, ExampleIndex, Key, Input, Reference) VALUES ($v, $i, $k, $in, $r)";
            var version = AddParameter(command, "$v");
            var index = AddParameter(command, "$i");
            var key = AddParameter(command, "$k");
            var input = AddParameter(command, "$in");
            var reference = AddParameter(command, "$r");
            command.Prepare();

            foreach (var example in examples)
            {
                version.Value = example.DatasetVersionId;
                index.Value = example.ExampleIndex;
                key.Value = example.Key;
                input.Value = example.Input;
                reference.Value = (object?)example.Reference ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
