using System.Buffers;
using System.Text.Json;

namespace Nuqta.Dashboard.Core.Common.Tabular;

/// <summary>
/// Streams the items of a top-level JSON array one at a time, each parsed into its own
/// <see cref="JsonDocument"/>, with the 1-based line on which the item starts. Memory use is
/// bounded by the largest single item, not by the file.
/// </summary>
public sealed class JsonArrayItemReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _arrayStarted;
    private bool _arrayEnded;
    private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
    private long _line = 1;

    public JsonArrayItemReader(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>Line on which the item most recently returned starts.</summary>
    public long ItemLine { get; private set; }

    /// <summary>Number of items returned so far.</summary>
    public long ItemCount { get; private set; }

    /// <summary>Reads the next item, or returns null after the closing bracket.</summary>
    /// <exception cref="InputValidationException">The text is not a JSON array or is malformed.</exception>
    public JsonDocument? ReadItem()
    {
        while (true)
        {
            if (_arrayEnded)
            {
                return null;
            }

            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _endOfStream, _state);
            var result = TryReadItem(ref reader, out var item);
            if (result == StepResult.NeedMoreData)
            {
                if (_endOfStream)
                {
                    throw Invalid("the JSON ends before the array is closed; the file may be truncated", _line);
                }

                Fill();
                continue;
            }

            return item;
        }
    }

    private enum StepResult
    {
        Done,
        NeedMoreData,
    }

    private StepResult TryReadItem(ref Utf8JsonReader reader, out JsonDocument? item)
    {
        item = null;

        // The reader's offsets count from where its span began, which Advance moves.
        var origin = _start;
        try
        {
            if (!_arrayStarted)
            {
                if (!reader.Read())
                {
                    return StepResult.NeedMoreData;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw Invalid($"expected a JSON array of objects ('[' first) but found {Describe(reader.TokenType)}", _line);
                }

                Advance(ref reader, origin);
                _arrayStarted = true;
            }

            var probe = reader;
            if (!probe.Read())
            {
                return StepResult.NeedMoreData;
            }

            if (probe.TokenType == JsonTokenType.EndArray)
            {
                Advance(ref probe, origin);
                _arrayEnded = true;
                return StepResult.Done;
            }

            var itemStart = origin + (int)probe.TokenStartIndex;
            if (!probe.TrySkip())
            {
                return StepResult.NeedMoreData;
            }

            var itemEnd = origin + (int)probe.BytesConsumed;
            var startLine = _line + CountLines(_start, itemStart);
            var itemBytes = _buffer.AsMemory(itemStart, itemEnd - itemStart);
            item = JsonDocument.Parse(itemBytes.ToArray());
            ItemLine = startLine;
            ItemCount++;
            Advance(ref probe, origin);
            return StepResult.Done;
        }
        catch (JsonException ex)
        {
            var line = _line + (ex.LineNumber ?? 0);
            throw Invalid($"the file is not valid JSON: {TrimJsonMessage(ex.Message)}", line);
        }
    }

    private void Advance(ref Utf8JsonReader reader, int origin)
    {
        var end = origin + (int)reader.BytesConsumed;
        _line += CountLines(_start, end);
        _start = end;
        _state = reader.CurrentState;
    }

    private long CountLines(int from, int to) => _buffer.AsSpan(from, to - from).Count((byte)'\n');

    private void Fill()
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
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object ('{'); for one JSON object per line, use JSON Lines",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        _ => type.ToString(),
    };

    private static string TrimJsonMessage(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static InputValidationException Invalid(string message, long line) =>
        new([new InputError(message, Line: line)]);

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
