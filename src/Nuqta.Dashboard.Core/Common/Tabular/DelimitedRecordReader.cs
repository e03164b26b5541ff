namespace Nuqta.Dashboard.Core.Common.Tabular;

/// <summary>
/// Reads records of delimited text as RFC 4180 describes: fields may be quoted, a quote inside a
/// quoted field is doubled, and quoted fields may contain delimiters and line breaks. CRLF, LF and
/// lone CR all end a record. Line numbers are 1-based and count physical lines, so a record that
/// spans lines reports the line it starts on.
/// </summary>
/// <remarks>
/// The reader decodes the text in blocks and searches each block for the next delimiter, quote or
/// line break. The fields of the current record are kept in one character buffer, so a caller can
/// read a field as a span and create strings only for the fields it keeps.
/// </remarks>
public sealed class DelimitedRecordReader
{
    private const int BufferChars = 1 << 15;

    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly char[] _buffer = new char[BufferChars];
    private char[] _record = new char[256];
    private int _recordLength;
    private int[] _fieldEnds = new int[16];
    private int _position;
    private int _length;
    private long _line = 1;

    public DelimitedRecordReader(TextReader reader, char delimiter)
    {
        _reader = reader;
        _delimiter = delimiter;
    }

    /// <summary>Line on which the record most recently returned starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Number of fields of the current record.</summary>
    internal int FieldCount { get; private set; }

    /// <summary>
    /// Reads the next record into a new array, or returns null at the end of the input. Blank
    /// lines between records are skipped.
    /// </summary>
    /// <exception cref="InputValidationException">A quoted field is never closed.</exception>
    public string[]? ReadRecord()
    {
        return ReadFields() ? ReadCurrentRecord() : null;
    }

    /// <summary>Returns the fields of the current record as a new array of strings.</summary>
    internal string[] ReadCurrentRecord()
    {
        var fields = new string[FieldCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = FieldString(i);
        }

        return fields;
    }

    /// <summary>
    /// Reads the next record into the reader's buffer, or returns false at the end of the input.
    /// Blank lines between records are skipped.
    /// </summary>
    /// <exception cref="InputValidationException">A quoted field is never closed.</exception>
    internal bool ReadFields()
    {
        while (true)
        {
            if (!Fill())
            {
                return false;
            }

            var c = _buffer[_position];
            if (c is not ('\r' or '\n'))
            {
                break;
            }

            _position++;
            ConsumeLineBreak(c);
        }

        RecordLine = _line;
        _recordLength = 0;
        FieldCount = 0;
        while (!ReadField())
        {
        }

        return true;
    }

    /// <summary>Returns a field of the current record; valid until the next read.</summary>
    internal ReadOnlySpan<char> Field(int index)
    {
        var start = index == 0 ? 0 : _fieldEnds[index - 1];
        return _record.AsSpan(start, _fieldEnds[index] - start);
    }

    /// <summary>Returns a field of the current record as a new string.</summary>
    internal string FieldString(int index) => new(Field(index));

    // Reads one field into the record buffer; returns true when the record ended after it.
    private bool ReadField()
    {
        if (!Fill())
        {
            EndField();
            return true;
        }

        if (_buffer[_position] == '"')
        {
            _position++;
            return ReadQuotedField();
        }

        while (true)
        {
            var rest = _buffer.AsSpan(_position, _length - _position);
            var stop = rest.IndexOfAny(_delimiter, '\r', '\n');
            if (stop < 0)
            {
                // The field continues in the next block.
                Append(rest);
                _position = _length;
                if (!Fill())
                {
                    EndField();
                    return true;
                }

                continue;
            }

            Append(rest[..stop]);
            EndField();
            var c = rest[stop];
            _position += stop + 1;
            if (c == _delimiter)
            {
                return false;
            }

            ConsumeLineBreak(c);
            return true;
        }
    }

    private bool ReadQuotedField()
    {
        var startLine = _line;
        while (true)
        {
            if (!Fill())
            {
                throw new InputValidationException(
                [
                    new InputError("a quoted field is not closed before the end of the file; check for a missing '\"'", Line: startLine),
                ]);
            }

            var rest = _buffer.AsSpan(_position, _length - _position);
            var stop = rest.IndexOfAny('"', '\r', '\n');
            if (stop < 0)
            {
                Append(rest);
                _position = _length;
                continue;
            }

            Append(rest[..stop]);
            var c = rest[stop];
            _position += stop + 1;
            if (c == '"')
            {
                var next = Read();
                if (next == '"')
                {
                    Append("\"");
                    continue;
                }

                return ReadAfterClosingQuote(next);
            }

            // A line break inside quotes is kept as one '\n', whichever of CRLF, LF or CR the file uses.
            if (c == '\r' && Fill() && _buffer[_position] == '\n')
            {
                _position++;
            }

            Append("\n");
            _line++;
        }
    }

    // Text after the closing quote and before the delimiter is kept, as spreadsheets do.
    private bool ReadAfterClosingQuote(int next)
    {
        while (true)
        {
            if (next == -1)
            {
                EndField();
                return true;
            }

            if (next == _delimiter)
            {
                EndField();
                return false;
            }

            if (next is '\r' or '\n')
            {
                ConsumeLineBreak((char)next);
                EndField();
                return true;
            }

            var character = (char)next;
            Append(new ReadOnlySpan<char>(in character));
            next = Read();
        }
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_recordLength + text.Length > _record.Length)
        {
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + text.Length));
        }

        text.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += text.Length;
    }

    private void EndField()
    {
        if (FieldCount == _fieldEnds.Length)
        {
            Array.Resize(ref _fieldEnds, _fieldEnds.Length * 2);
        }

        _fieldEnds[FieldCount++] = _recordLength;
    }

    private void ConsumeLineBreak(char c)
    {
        if (c == '\r' && Fill() && _buffer[_position] == '\n')
        {
            _position++;
        }

        _line++;
    }

    // Returns the next character, or -1 at the end of the input.
    private int Read() => Fill() ? _buffer[_position++] : -1;

    // Refills the buffer when every character is read. Returns false at the end of the input.
    private bool Fill()
    {
        if (_position < _length)
        {
            return true;
        }

        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }
}
