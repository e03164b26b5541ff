using Nuqta.Dashboard.Core.Common;

namespace Nuqta.Dashboard.Components.Shared;

/// <summary>
/// Recognises the exceptions that Core services throw when they reject an act, and turns them
/// into lines a page can show. Any other exception is a bug and is left to the error boundary.
/// </summary>
public static class CoreErrors
{
    /// <summary>True for invalid input, a conflict, a missing item or a missing permission.</summary>
    public static bool IsRejection(Exception exception) =>
        exception is InputValidationException or ConflictException or NotFoundException or AccessDeniedException;

    /// <summary>Returns one line per problem: each input error, or else the exception's message.</summary>
    public static IReadOnlyList<string> Lines(Exception exception)
    {
        if (exception is not InputValidationException invalid)
        {
            return [exception.Message];
        }

        var lines = invalid.Errors.Select(e => e.ToString()).ToList();
        if (invalid.Truncated)
        {
            lines.Add("More errors were found but not listed.");
        }

        return lines;
    }

    /// <summary>Returns the lines of <see cref="Lines"/> joined into one, for a snackbar.</summary>
    public static string Summary(Exception exception) => string.Join(" ", Lines(exception).Select(EndSentence));

    /// <summary>Logs a rejected act at information level, because the user sees the message and it is not an app error.</summary>
    public static void LogRejection(this ILogger logger, Exception exception, string act, string target) =>
        logger.LogInformation("Core rejected {Act} on {Target}: {ExceptionType}: {Message}", act, target, exception.GetType().Name, exception.Message);

    private static string EndSentence(string line) => line.EndsWith('.') ? line : line + ".";
}
