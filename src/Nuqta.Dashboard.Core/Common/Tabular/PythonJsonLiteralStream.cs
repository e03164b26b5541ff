namespace Nuqta.Dashboard.Core.Common.Tabular;

/// <summary>
/// A read-only stream that makes JSON written by Python's <c>json.dumps</c> readable by
/// System.Text.Json. Python writes bare <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>, which
/// the JSON grammar does not allow. Outside strings, this stream rewrites <c>NaN</c> to
/// <c>null</c> (a missing value) and the infinities to the strings <c>"Infinity"</c> and
/// <c>"-Infinity"</c>, so that metric parsing can reject them by name instead of the whole file
/// failing to parse. Text inside strings passes through untouched.
/// </summary>
public sealed class PythonJsonLiteralStream : Stream
{
    private static readonly byte[] NaNToken = "NaN"u8.ToArray();
    private static readonly byte[] InfinityToken = "Infinity"u8.ToArray();
    private static readonly byte[] NullBytes = "null"u8.ToArray();
    private static readonly byte[] InfinityString = "\"Infinity\""u8.ToArray();
    private static readonly byte[] NegativeInfinityString = "\"-Infinity\""u8.ToArray();

    private readonly Stream _inner;
    private readonly byte[] _input = new byte[64 * 1024];
    private int _inputStart;
    private int _inputEnd;
    private bool _innerEnded;
    private bool _inString;
    private bool _escaped;
    private byte[]? _pending;
    private int _pendingOffset;

    public PythonJsonLiteralStream(Stream inner)
    {
        _inner = inner;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var written = 0;
        while (written < count)
        {
            if (_pending is not null)
            {
                var n = Math.Min(count - written, _pending.Length - _pendingOffset);
                Array.Copy(_pending, _pendingOffset, buffer, offset + written, n);
                written += n;
                _pendingOffset += n;
                if (_pendingOffset == _pending.Length)
                {
                    _pending = null;
                }

                continue;
            }

            // Keep enough bytes buffered to recognise the longest token, "-Infinity".
            if (_inputEnd - _inputStart < 9 && !_innerEnded)
            {
                Refill();
                continue;
            }

            if (_inputStart == _inputEnd)
            {
                break;
            }

            var b = _input[_inputStart];
            if (_inString)
            {
                _inputStart++;
                buffer[offset + written++] = b;
                if (_escaped)
                {
                    _escaped = false;
                }
                else if (b == '\\')
                {
                    _escaped = true;
                }
                else if (b == '"')
                {
                    _inString = false;
                }

                continue;
            }

            if (b == '"')
            {
                _inString = true;
            }
            else if (b == 'N' && Matches(_inputStart, NaNToken))
            {
                _inputStart += NaNToken.Length;
                _pending = NullBytes;
                _pendingOffset = 0;
                continue;
            }
            else if (b == 'I' && Matches(_inputStart, InfinityToken))
            {
                _inputStart += InfinityToken.Length;
                _pending = InfinityString;
                _pendingOffset = 0;
                continue;
            }
            else if (b == '-' && Matches(_inputStart + 1, InfinityToken))
            {
                _inputStart += 1 + InfinityToken.Length;
                _pending = NegativeInfinityString;
                _pendingOffset = 0;
                continue;
            }

            _inputStart++;
            buffer[offset + written++] = b;
        }

        return written;
    }

    private bool Matches(int position, byte[] token) =>
        _inputEnd - position >= token.Length && _input.AsSpan(position, token.Length).SequenceEqual(token);

    private void Refill()
    {
        var remaining = _inputEnd - _inputStart;
        Array.Copy(_input, _inputStart, _input, 0, remaining);
        _inputStart = 0;
        _inputEnd = remaining;
        var read = _inner.Read(_input, _inputEnd, _input.Length - _inputEnd);
        if (read == 0)
        {
            _innerEnded = true;
        }

        _inputEnd += read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
