namespace Nuqta.Dashboard.Core.Common;

/// <summary>
/// One problem found in user input: which field, row or cell it concerns, the offending value and
/// what to do about it. Line and column are 1-based and absent when the input is not a file.
/// </summary>
public sealed record InputError(string Message, string? Field = null, long? Line = null, string? Column = null, string? Value = null)
{
    /// <summary>Formats the error for a single-line message: location first, then the text.</summary>
    public override string ToString()
    {
        var location = new List<string>();
        if (Line is not null)
        {
            location.Add($"line {Line}");
        }

        if (Column is not null)
        {
            location.Add($"column '{Column}'");
        }
        else if (Field is not null && !Message.StartsWith(Field + " ", StringComparison.Ordinal))
        {
            // "version is required" names its field already; "version: version is required" repeats it.
            location.Add(Field);
        }

        return location.Count == 0 ? Message : $"{string.Join(", ", location)}: {Message}";
    }
}

/// <summary>Input was rejected; nothing was saved. Carries every error found, up to a limit.</summary>
public sealed class InputValidationException : Exception
{
    public InputValidationException(IReadOnlyList<InputError> errors, bool truncated = false)
        : base(BuildMessage(errors, truncated))
    {
        Errors = errors;
        Truncated = truncated;
    }

    public InputValidationException(string message, string? field = null, string? value = null)
        : this([new InputError(message, field, Value: value)])
    {
    }

    /// <summary>The errors found, in input order.</summary>
    public IReadOnlyList<InputError> Errors { get; }

    /// <summary>True when more errors existed than were collected.</summary>
    public bool Truncated { get; }

    private static string BuildMessage(IReadOnlyList<InputError> errors, bool truncated)
    {
        if (errors.Count == 1)
        {
            return errors[0].ToString();
        }

        var more = truncated ? " (more errors were not listed)" : "";
        return $"{errors.Count} errors{more}; first: {errors[0]}";
    }
}

/// <summary>The named thing does not exist.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>
/// The request conflicts with the current state: a name that is taken, or a value that changed
/// since the caller read it.
/// </summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>The actor may not perform the act; the message names the role or scope it needs.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);

/// <summary>Collects input errors up to a limit, so one bad file reports many problems at once.</summary>
public sealed class InputErrorCollector(int limit = 100)
{
    private readonly List<InputError> _errors = [];

    public int Count => _errors.Count + Dropped;

    public int Dropped { get; private set; }

    public bool HasErrors => Count > 0;

    public IReadOnlyList<InputError> Errors => _errors;

    public void Add(InputError error)
    {
        if (_errors.Count < limit)
        {
            _errors.Add(error);
        }
        else
        {
            Dropped++;
        }
    }

    /// <summary>Throws <see cref="InputValidationException"/> when any error was added.</summary>
    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw new InputValidationException(_errors.ToList(), Dropped > 0);
        }
    }
}
