using System.Buffers;
using Nuqta.Dashboard.Core.Common;

namespace Nuqta.Dashboard.Core.Evaluation.Import;

/// <summary>
/// The unread part of a UTF-8 JSON stream, held in a pooled buffer that grows up to a limit, with
/// the 1-based line number of its first byte. A streaming parser reads from <see cref="Remaining"/>,
/// calls <see cref="Consume"/> for every complete value it takes, and <see cref="Fill"/> when a
/// value does not fit yet.
/// </summary>
internal sealed class JsonByteWindow : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly int _maxBytes;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int _start;
    private int _end;

    public JsonByteWindow(Stream stream, int maxBytes)
    {
        _stream = stream;
        _maxBytes = maxBytes;
    }

    /// <summary>True once the stream has no more bytes.</summary>
    public bool EndOfStream { get; private set; }

    /// <summary>Line of the first unread byte.</summary>
    public long Line { get; private set; } = 1;

    /// <summary>The bytes read from the stream and not yet consumed.</summary>
    public ReadOnlySpan<byte> Remaining => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Marks the first <paramref name="count"/> remaining bytes as read and advances <see cref="Line"/>.</summary>
    public void Consume(int count)
    {
        Line += CountLines(count);
        _start += count;
    }

    /// <summary>Returns the line of the byte at <paramref name="offset"/> within <see cref="Remaining"/>.</summary>
    public long LineAt(int offset) => Line + CountLines(offset);

    /// <summary>
    /// Returns the line of the first remaining byte that is not whitespace or a comma: where an
    /// unfinished value starts.
    /// </summary>
    public long LineOfNextValue()
    {
        var offset = Remaining.IndexOfAnyExcept(" \t\r\n,"u8);
        return LineAt(offset < 0 ? _end - _start : offset);
    }

    /// <summary>Skips a UTF-8 byte order mark at the start of the stream, if there is one.</summary>
    public void SkipByteOrderMark()
    {
        while (_end - _start < 3 && !EndOfStream)
        {
            Fill();
        }

        if (Remaining.StartsWith("\uFEFF"u8))
        {
            _start += 3;
        }
    }

    /// <summary>
    /// Reads more bytes from the stream, growing the buffer when the unread bytes fill it.
    /// </summary>
    /// <exception cref="InputValidationException">One value would need more than the limit given to the constructor.</exception>
    public void Fill()
    {
        var remaining = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
            _start = 0;
            _end = remaining;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= _maxBytes)
            {
                throw new InputValidationException(
                [
                    new InputError(
                        $"the JSON value that starts on this line is larger than {DescribeSize(_maxBytes)}, the limit for one value; split the evaluation into smaller files",
                        Line: LineOfNextValue()),
                ]);
            }

            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, _maxBytes));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            EndOfStream = true;
        }

        _end += read;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private long CountLines(int count) => _buffer.AsSpan(_start, count).Count((byte)'\n');

    private static string DescribeSize(int bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes / 1024} KiB";
}
