using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Registry;

/// <summary>
/// The 128-bit XxHash128 digest of an example key's UTF-16 text, held as two 64-bit halves. An
/// import joins result rows to examples by these digests instead of by key strings: on a million
/// examples the join map takes half the memory. The chance that two of a million keys share a
/// digest is about 1.5e-27.
/// </summary>
/// <remarks>
/// UInt128 is 16-byte aligned since .NET 8, which pads each dictionary entry to 48 bytes, while an
/// entry with this struct takes 32.
/// </remarks>
public readonly struct ExampleKeyDigest(ulong low, ulong high) : IEquatable<ExampleKeyDigest>
{
    /// <summary>Bytes of one stored digest: the low half, then the high half, each little-endian.</summary>
    public const int Size = 16;

    public ulong Low { get; } = low;

    public ulong High { get; } = high;

    /// <summary>Returns the digest of a key.</summary>
    public static ExampleKeyDigest Of(string key)
    {
        var digest = System.IO.Hashing.XxHash128.HashToUInt128(MemoryMarshal.AsBytes(key.AsSpan()));
        return new ExampleKeyDigest((ulong)digest, (ulong)(digest >> 64));
    }

    public bool Equals(ExampleKeyDigest other) => Low == other.Low && High == other.High;

    public override bool Equals(object? obj) => obj is ExampleKeyDigest other && Equals(other);

    // The digest's bits are already uniformly distributed, so its low half serves as the hash.
    public override int GetHashCode() => (int)Low ^ (int)(Low >> 32);

    public static bool operator ==(ExampleKeyDigest left, ExampleKeyDigest right) => left.Equals(right);

    public static bool operator !=(ExampleKeyDigest left, ExampleKeyDigest right) => !left.Equals(right);
}

/// <summary>
/// Stores and reads the key digests of a dataset version (<see cref="DatasetKeyDigests"/>) through
/// SQLite's incremental blob I/O, so neither side keeps a second copy of a 16 MB blob. On other
/// database engines nothing is stored, and imports read the key strings instead.
/// </summary>
public static class ExampleKeyDigestStore
{
    private const int ChunkRecords = 4096;

    /// <summary>
    /// Writes the digests of a version's examples in example order, inside the caller's write
    /// transaction. Returns false when this database engine keeps no digests.
    /// </summary>
    public static bool Write(NuqtaDbContext db, int datasetVersionId, ReadOnlySpan<ExampleKeyDigest> digests)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection connection || !BitConverter.IsLittleEndian)
        {
            return false;
        }

        db.Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction;
        command.CommandText = """INSERT INTO "DatasetKeyDigests" ("DatasetVersionId", "Digests") VALUES ($version, zeroblob($length)) RETURNING rowid""";
        command.Parameters.AddWithValue("$version", datasetVersionId);
        command.Parameters.AddWithValue("$length", (long)digests.Length * ExampleKeyDigest.Size);
        var rowId = (long)command.ExecuteScalar()!;
        using var blob = new SqliteBlob(connection, "DatasetKeyDigests", "Digests", rowId);
        blob.Write(MemoryMarshal.AsBytes(digests));
        return true;
    }

    /// <summary>
    /// Opens the stored digests of a version for reading in example order, or returns null when the
    /// version has none or they do not cover <paramref name="exampleCount"/> examples. The cursor
    /// keeps the context's connection open until it is disposed.
    /// </summary>
    public static DigestCursor? OpenCursor(NuqtaDbContext db, int datasetVersionId, int exampleCount)
    {
        var rowId = FindRow(db, datasetVersionId, exampleCount);
        return rowId is null ? null : new DigestCursor(new SqliteBlob((SqliteConnection)db.Database.GetDbConnection(), "DatasetKeyDigests", "Digests", rowId.Value, readOnly: true));
    }

    /// <summary>Reads stored digests in example order, a chunk at a time.</summary>
    public sealed class DigestCursor : IDisposable
    {
        private readonly SqliteBlob _blob;
        private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(ChunkRecords * ExampleKeyDigest.Size);
        private int _offset;
        private int _length;
        private bool _disposed;

        internal DigestCursor(SqliteBlob blob) => _blob = blob;

        /// <summary>Reads the next digest, or returns false after the last example.</summary>
        public bool TryReadNext(out ExampleKeyDigest digest)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_offset == _length)
            {
                _length = _blob.ReadAtLeast(_buffer.AsSpan(0, ChunkRecords * ExampleKeyDigest.Size), ExampleKeyDigest.Size, throwOnEndOfStream: false);
                _offset = 0;
                if (_length < ExampleKeyDigest.Size)
                {
                    digest = default;
                    return false;
                }
            }

            var record = _buffer.AsSpan(_offset, ExampleKeyDigest.Size);
            digest = new ExampleKeyDigest(BinaryPrimitives.ReadUInt64LittleEndian(record), BinaryPrimitives.ReadUInt64LittleEndian(record[8..]));
            _offset += ExampleKeyDigest.Size;
            return true;
        }

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                _blob.Dispose();
                ArrayPool<byte>.Shared.Return(_buffer);
            }
        }
    }

    // Returns the rowid of the version's digests when they cover exampleCount examples; null otherwise.
    private static long? FindRow(NuqtaDbContext db, int datasetVersionId, int exampleCount)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection connection || !BitConverter.IsLittleEndian)
        {
            return null;
        }

        db.Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT rowid, length("Digests") FROM "DatasetKeyDigests" WHERE "DatasetVersionId" = $version""";
        command.Parameters.AddWithValue("$version", datasetVersionId);
        using var reader = command.ExecuteReader();
        return reader.Read() && reader.GetInt64(1) == (long)exampleCount * ExampleKeyDigest.Size ? reader.GetInt64(0) : null;
    }

    /// <summary>
    /// Reads the stored digests of a version and hands each with its example index to
    /// <paramref name="add"/>. Returns false, having handed none, when the version has no stored
    /// digests or they do not cover <paramref name="exampleCount"/> examples.
    /// </summary>
    public static bool TryRead(NuqtaDbContext db, int datasetVersionId, int exampleCount, Action<ExampleKeyDigest, int> add)
    {
        using var cursor = OpenCursor(db, datasetVersionId, exampleCount);
        if (cursor is null)
        {
            return false;
        }

        for (var index = 0; index < exampleCount && cursor.TryReadNext(out var digest); index++)
        {
            add(digest, index);
        }

        return true;
    }
}
