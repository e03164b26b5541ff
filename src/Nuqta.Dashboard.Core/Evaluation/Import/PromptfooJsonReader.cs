using System.Text.Json;
using Nuqta.Dashboard.Core.Common;

namespace Nuqta.Dashboard.Core.Evaluation.Import;

/// <summary>
/// Streams the items of <c>results.results</c> from a promptfoo output file one at a time, each
/// parsed into its own <see cref="JsonDocument"/> with the 1-based line on which it starts. The
/// reader also picks up <c>evalId</c> and <c>results.version</c> on the way, skips every other
/// value (config, prompts, stats) without building it, and reads to the end of the document so a
/// truncated file is reported. Memory use is bounded by the largest single value, which must not
/// exceed the limit given to the constructor.
/// </summary>
internal sealed class PromptfooJsonReader : IDisposable
{
    private readonly JsonByteWindow _window;
    private bool _bomChecked;
    private JsonReaderState _state;
    private Position _position = Position.BeforeRoot;

    public PromptfooJsonReader(Stream stream, int maxValueBytes)
    {
        _window = new JsonByteWindow(stream, maxValueBytes);
    }

    private enum Position
    {
        BeforeRoot,
        InRoot,
        InResults,
        InResultItems,
        AfterRoot,
        Done,
    }

    private enum Step
    {
        Progress,
        Item,
        NeedMoreData,
    }

    /// <summary>The value of <c>results.version</c>, once read.</summary>
    public int? Version { get; private set; }

    /// <summary>The value of the top-level <c>evalId</c>, once read.</summary>
    public string? EvalId { get; private set; }

    /// <summary>True once the document had a <c>results.results</c> array.</summary>
    public bool SawResultItems { get; private set; }

    /// <summary>Line on which the item most recently returned starts.</summary>
    public long ItemLine { get; private set; }

    /// <summary>Reads the next result item, or returns null at the end of the document.</summary>
    /// <exception cref="InputValidationException">The JSON is malformed, truncated or not promptfoo output.</exception>
    public JsonDocument? ReadItem()
    {
        while (_position != Position.Done)
        {
            if (!_bomChecked)
            {
                _window.SkipByteOrderMark();
                _bomChecked = true;
            }

            // Inside the root object every value ends at a delimiter, so only the check for content
            // after the root needs a final block. Elsewhere "needs more data" at the end of the file
            // means the file is truncated.
            var isFinalBlock = _position == Position.AfterRoot && _window.EndOfStream;
            var reader = new Utf8JsonReader(_window.Remaining, isFinalBlock, _state);
            var step = TryStep(ref reader, out var item);
            if (step == Step.Item)
            {
                return item;
            }

            if (step == Step.NeedMoreData)
            {
                if (_window.EndOfStream)
                {
                    throw Invalid("the JSON ends before the document is closed; the file may be truncated", _window.LineOfNextValue());
                }

                _window.Fill();
            }
        }

        return null;
    }

    private Step TryStep(ref Utf8JsonReader reader, out JsonDocument? item)
    {
        item = null;
        try
        {
            if (!reader.Read())
            {
                if (_position == Position.AfterRoot && _window.EndOfStream)
                {
                    _position = Position.Done;
                    return Step.Progress;
                }

                return Step.NeedMoreData;
            }

            return _position switch
            {
                Position.BeforeRoot => ReadRoot(ref reader),
                Position.InRoot => ReadRootProperty(ref reader),
                Position.InResults => ReadResultsProperty(ref reader),
                Position.InResultItems => ReadResultItem(ref reader, out item),
                _ => throw Invalid("unexpected content after the end of the JSON document", LineOfToken(ref reader)),
            };
        }
        catch (JsonException ex)
        {
            var line = _window.Line + (ex.LineNumber ?? 0);
            var message = ex.Message.Split(" Path:")[0];
            throw Invalid($"the file is not valid JSON: {message}", line);
        }
    }

    private Step ReadRoot(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Invalid("expected a JSON object ('{' first) as promptfoo eval -o writes it", LineOfToken(ref reader));
        }

        Commit(ref reader, Position.InRoot);
        return Step.Progress;
    }

    private Step ReadRootProperty(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            Commit(ref reader, Position.AfterRoot);
            return Step.Progress;
        }

        var name = reader.GetString();
        if (name == "results")
        {
            if (!reader.Read())
            {
                return Step.NeedMoreData;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid("'results' is not an object; expected promptfoo output with results.version 3 and results.results", LineOfToken(ref reader));
            }

            Commit(ref reader, Position.InResults);
            return Step.Progress;
        }

        if (name == "evalId")
        {
            if (!reader.Read())
            {
                return Step.NeedMoreData;
            }

            EvalId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            return SkipAndCommit(ref reader, Position.InRoot);
        }

        return SkipAndCommit(ref reader, Position.InRoot);
    }

    private Step ReadResultsProperty(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            Commit(ref reader, Position.InRoot);
            return Step.Progress;
        }

        var name = reader.GetString();
        if (name is not ("version" or "results"))
        {
            return SkipAndCommit(ref reader, Position.InResults);
        }

        if (!reader.Read())
        {
            return Step.NeedMoreData;
        }

        if (name == "version")
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var version))
            {
                throw Invalid("results.version is not a whole number", LineOfToken(ref reader));
            }

            Version = version;
            return SkipAndCommit(ref reader, Position.InResults);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Invalid("results.results is not an array of test results", LineOfToken(ref reader));
        }

        SawResultItems = true;
        Commit(ref reader, Position.InResultItems);
        return Step.Progress;
    }

    private Step ReadResultItem(ref Utf8JsonReader reader, out JsonDocument? item)
    {
        item = null;
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            Commit(ref reader, Position.InResults);
            return Step.Progress;
        }

        var itemStart = (int)reader.TokenStartIndex;
        var line = LineOfToken(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Invalid($"an item of results.results is a JSON {reader.TokenType.ToString().ToLowerInvariant()}, not an object", line);
        }

        if (!reader.TrySkip())
        {
            return Step.NeedMoreData;
        }

        var itemEnd = (int)reader.BytesConsumed;
        item = JsonDocument.Parse(_window.Remaining[itemStart..itemEnd].ToArray());
        ItemLine = line;
        Commit(ref reader, Position.InResultItems);
        return Step.Item;
    }

    // Skips the value of the property the reader is on (or the value it has just read) and commits.
    private Step SkipAndCommit(ref Utf8JsonReader reader, Position next)
    {
        if (!reader.TrySkip())
        {
            return Step.NeedMoreData;
        }

        Commit(ref reader, next);
        return Step.Progress;
    }

    private void Commit(ref Utf8JsonReader reader, Position next)
    {
        _window.Consume((int)reader.BytesConsumed);
        _state = reader.CurrentState;
        _position = next;
    }

    private long LineOfToken(ref Utf8JsonReader reader) => _window.LineAt((int)reader.TokenStartIndex);

    private static InputValidationException Invalid(string message, long line) => new([new InputError(message, Line: line)]);

    public void Dispose() => _window.Dispose();
}
