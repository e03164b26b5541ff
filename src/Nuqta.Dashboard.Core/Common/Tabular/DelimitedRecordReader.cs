using System.Text;

namespace Nuqta.Dashboard.Core.Common.Tabular;

/// <summary>
/// Reads records of delimited text as RFC 4180 describes: fields may be quoted, a quote inside a
/// quoted field is doubled, and quoted fields may contain delimiters and line breaks. CRLF, LF and
/// lone CR all end a record. Line numbers are 1-based and count physical lines, so a record that
/// spans lines reports the line it starts on.
/// </summary>
public sealed class DelimitedRecordReader
{
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];
    private long _line = 1;
    private int _peeked = -2;

    public DelimitedRecordReader(TextReader reader, char delimiter)
    {
        _reader = reader;
        _delimiter = delimiter;
    }

    /// <summary>Line on which the record most recently returned starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>
    /// Reads the next record into a new array, or returns null at the end of the input. Blank
    /// lines between records are skipped.
    /// </summary>
    /// <exception cref="InputValidationException">A quoted field is never closed.</exception>
    public string[]? ReadRecord()
    {
        while (true)
        {
            var c = Read();
            if (c == -1)
            {
                return null;
            }

            if (c is '\r' or '\n')
            {
                ConsumeLineBreak(c);
                continue;
            }

            Unread(c);
            break;
        }

        RecordLine = _line;
        _fields.Clear();
        while (true)
        {
            var ended = ReadField();
            _fields.Add(_field.ToString());
            if (ended)
            {
                return _fields.ToArray();
            }
        }
    }

    // Reads one field into _field; returns true when the record ended after it.
    private bool ReadField()
    {
        _field.Clear();
        var c = Read();
        if (c == '"')
        {
            return ReadQuotedField();
        }

        while (true)
        {
            if (c == -1)
            {
                return true;
            }

            if (c == _delimiter)
            {
                return false;
            }

            if (c is '\r' or '\n')
            {
                ConsumeLineBreak(c);
                return true;
            }

            _field.Append((char)c);
            c = Read();
        }
    }

    private bool ReadQuotedField()
    {
        var startLine = _line;
        while (true)
        {
            var c = Read();
            if (c == -1)
            {
                throw new InputValidationException(
                [
                    new InputError("a quoted field is not closed before the end of the file; check for a missing '\"'", Line: startLine),
                ]);
            }

            if (c == '"')
            {
                var next = Read();
                if (next == '"')
                {
                    _field.Append('"');
                    continue;
                }

                // Text after the closing quote and before the delimiter is kept, as spreadsheets do.
                while (true)
                {
                    if (next == -1)
                    {
                        return true;
                    }

                    if (next == _delimiter)
                    {
                        return false;
                    }

                    if (next is '\r' or '\n')
                    {
                        ConsumeLineBreak(next);
                        return true;
                    }

                    _field.Append((char)next);
                    next = Read();
                }
            }

            if (c == '\r')
            {
                var next = Read();
                if (next != '\n')
                {
                    Unread(next);
                }

                _field.Append('\n');
                _line++;
                continue;
            }

            if (c == '\n')
            {
                _line++;
            }

            _field.Append((char)c);
        }
    }

    private void ConsumeLineBreak(int c)
    {
        if (c == '\r')
        {
            var next = Read();
            if (next != '\n')
            {
                Unread(next);
            }
        }

        _line++;
    }

    private int Read()
    {
        if (_peeked != -2)
        {
            var value = _peeked;
            _peeked = -2;
            return value;
        }

        return _reader.Read();
    }

    private void Unread(int c) => _peeked = c;
}
