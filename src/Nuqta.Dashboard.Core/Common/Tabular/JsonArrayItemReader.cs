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

            // Inside the array every value ends at a delimiter, so the block is never final: at the
            // end of the file, "needs more data" means the file is truncated.
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), isFinalBlock: false, _state);
            var result = TryReadItem(ref reader, out var item);
            if (result == StepResult.NeedMoreData)
            {
                if (_endOfStream)
                {
                    throw Invalid("the JSON ends before the array is closed; the file may be truncated", LineOfNextContent());
                }

                Fill();
                continue;
            }

            if (result == StepResult.Progress)
            {
                continue;
            }

            if (_arrayEnded)
            {
                EnsureNothingFollows();
            }

            return item;
        }
    }

    private enum StepResult
    {
        Done,
        Progress,
        NeedMoreData,
    }

    private StepResult TryReadItem(ref Utf8JsonReader reader, out JsonDocument? item)
    {
        item = null;
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

                // The reader's offsets are relative to the old start, so the next step starts afresh.
                Advance(ref reader);
                _arrayStarted = true;
                return StepResult.Progress;
            }

            var probe = reader;
            if (!probe.Read())
            {
                return StepResult.NeedMoreData;
            }

            if (probe.TokenType == JsonTokenType.EndArray)
            {
                Advance(ref probe);
                _arrayEnded = true;
                return StepResult.Done;
            }

            var itemStart = (int)probe.TokenStartIndex;
            if (!probe.TrySkip())
            {
                return StepResult.NeedMoreData;
            }

            var consumed = (int)probe.BytesConsumed;
            var startLine = _line + CountLines(_start, _start + itemStart);
            var itemBytes = _buffer.AsMemory(_start + itemStart, consumed - itemStart);
            item = JsonDocument.Parse(itemBytes.ToArray());
            ItemLine = startLine;
            ItemCount++;
            Advance(ref probe);
            return StepResult.Done;
        }
        catch (JsonException ex)
        {
            var line = _line + (ex.LineNumber ?? 0);
            throw Invalid($"the file is not valid JSON: {TrimJsonMessage(ex.Message)}", line);
        }
    }

    private void Advance(ref Utf8JsonReader reader)
    {
        var consumed = (int)reader.BytesConsumed;
        _line += CountLines(_start, _start + consumed);
        _start += consumed;
        _state = reader.CurrentState;
    }

    // Returns the line of the first byte after the last complete item that is not whitespace or a
    // comma: where the unfinished item starts.
    private long LineOfNextContent()
    {
        var rest = _buffer.AsSpan(_start, _end - _start);
        var offset = rest.IndexOfAnyExcept(" \t\r\n,"u8);
        return _line + CountLines(_start, _start + (offset < 0 ? rest.Length : offset));
    }

    // Checks that only whitespace follows the closing bracket, reading to the end of the stream.
    private void EnsureNothingFollows()
    {
        while (true)
        {
            var rest = _buffer.AsSpan(_start, _end - _start);
            var offset = rest.IndexOfAnyExcept(" \t\r\n"u8);
            if (offset >= 0)
            {
                throw Invalid("unexpected content after the closing ']' of the array; a file must contain one JSON array", _line + CountLines(_start, _start + offset));
            }

            _line += CountLines(_start, _end);
            _start = _end;
            if (_endOfStream)
            {
                return;
            }

            Fill();
        }
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
