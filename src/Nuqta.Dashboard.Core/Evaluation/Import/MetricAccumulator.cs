using System.Globalization;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Evaluation.Import;

/// <summary>
/// Resolves the stored name of each metric source (a column or JSON field), parses and checks its
/// values, and tracks what is needed to describe it afterwards: kind, observed range and counts.
/// One instance serves one pass over a file.
/// </summary>
internal sealed class MetricAccumulator
{
    private readonly List<MetricState> _metrics = [];
    private readonly Dictionary<string, MetricState> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetricState> _bySource = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rejectedSources = new(StringComparer.Ordinal);
    private int _scoredRows;

    /// <summary>Returns the metric already declared for the source, or null.</summary>
    public MetricState? Find(string source) => _bySource.GetValueOrDefault(source);

    /// <summary>
    /// Declares a metric source and resolves the name it is stored under: a built-in key when the
    /// name maps onto one, otherwise the source name verbatim. Returns null and adds an error when
    /// another source already uses that stored name. Later calls for that source return null
    /// without repeating the error.
    /// </summary>
    public MetricState? Declare(string source, string name, MetricDirection? direction, InputErrorCollector errors, long? line = null)
    {
        if (_bySource.TryGetValue(source, out var existing))
        {
            return existing;
        }

        if (_rejectedSources.Contains(source))
        {
            return null;
        }

        var builtIn = BuiltInMetrics.Match(name, out var factor);
        var storedName = builtIn?.Key ?? name;
        if (_byName.TryGetValue(storedName, out var clash))
        {
            errors.Add(new InputError(
                $"both '{clash.Source}' and '{source}' would be stored as metric '{storedName}'; map one of them to the ignore role",
                Line: line,
                Column: source));
            _rejectedSources.Add(source);
            return null;
        }

        var state = new MetricState(storedName, source, builtIn, factor, direction);
        _metrics.Add(state);
        _byName[storedName] = state;
        _bySource[source] = state;
        return state;
    }

    /// <summary>Counts a row that is not an error row, so that absent values count as missing.</summary>
    public void CountScoredRow() => _scoredRows++;

    /// <summary>
    /// Parses one raw value and stores it in <paramref name="target"/> under the metric's name.
    /// Text, non-finite numbers, a mix of booleans and numbers, and values off a built-in scale
    /// are added to <paramref name="errors"/> and leave the value missing.
    /// </summary>
    public void Record(MetricState metric, string? raw, long line, IDictionary<string, double> target, InputErrorCollector errors)
    {
        target[metric.Name] = Parse(metric, raw, line, errors);
    }

    /// <summary>
    /// Parses and checks one raw value as <see cref="Record"/> does, and returns it, or NaN when it
    /// is missing or invalid.
    /// </summary>
    public double Parse(MetricState metric, string? raw, long line, InputErrorCollector errors) =>
        Check(metric, MetricValueParser.Parse(raw), raw, line, errors);

    /// <summary>
    /// Parses and checks one raw value from a span, as <see cref="Parse(MetricState, string?, long, InputErrorCollector)"/>
    /// does. A plain number is parsed without creating a string; other text is copied to one first.
    /// </summary>
    public double Parse(MetricState metric, ReadOnlySpan<char> raw, long line, InputErrorCollector errors)
    {
        if (MetricValueParser.TryParsePlainNumber(raw, out var cell))
        {
            return Check(metric, cell, raw, line, errors);
        }

        return Parse(metric, new string(raw), line, errors);
    }

    private double Check(MetricState metric, MetricCell cell, ReadOnlySpan<char> raw, long line, InputErrorCollector errors)
    {
        switch (cell.Kind)
        {
            case MetricCellKind.Missing:
                return double.NaN;
            case MetricCellKind.Text:
                errors.Add(Error(metric, line, raw, "is not a number; a metric value must be a number, true/false, or an empty cell (or NaN) when missing; if this column contains text such as a target answer, map it to reference, output or ignore"));
                return double.NaN;
            case MetricCellKind.NonFinite:
                errors.Add(Error(metric, line, raw, "is not a finite number; write an empty cell or NaN when the value is missing"));
                return double.NaN;
        }

        if (!metric.AcceptKind(cell))
        {
            var expected = metric.IsBoolean == true ? "true/false (or 1/0)" : "a number";
            errors.Add(Error(metric, line, raw, $"does not match the earlier values of this metric, which are {expected}"));
            return double.NaN;
        }

        var value = cell.Value * metric.ScaleFactor;
        if (metric.BuiltIn is { } builtIn && !builtIn.IsOnScale(value))
        {
            var conversionNote = metric.ScaleFactor == 1 ? "" : $" ({value.ToString(CultureInfo.InvariantCulture)} {builtIn.Unit} after conversion)";
            errors.Add(Error(metric, line, raw, $"is outside the {builtIn.DescribeScale()} scale of the built-in metric '{builtIn.Key}'{conversionNote}; check that the column contains that metric"));
            return double.NaN;
        }

        metric.Add(value);
        return value;
    }

    /// <summary>Describes every declared metric, in the order the sources were declared.</summary>
    public IReadOnlyList<ImportedMetric> Build() => _metrics.Select(metric => metric.Describe(_scoredRows)).ToList();

    private static InputError Error(MetricState metric, long line, ReadOnlySpan<char> raw, string problem)
    {
        var text = raw.ToString();
        return new($"the value '{text}' of metric '{metric.Name}' {problem}", Line: line, Column: metric.Source, Value: text);
    }
}

/// <summary>The running state of one metric during an import.</summary>
internal sealed class MetricState(string name, string source, BuiltInMetric? builtIn, double scaleFactor, MetricDirection? direction)
{
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private int _count;

    public string Name { get; } = name;

    public string Source { get; } = source;

    public BuiltInMetric? BuiltIn { get; } = builtIn;

    public double ScaleFactor { get; } = scaleFactor;

    /// <summary>Null until the first value decides whether the metric is boolean or numeric.</summary>
    public bool? IsBoolean { get; private set; }

    /// <summary>
    /// Returns true when the cell's kind fits the metric. The first value decides the kind. After
    /// booleans, 0 and 1 are still accepted; after numbers, booleans are not.
    /// </summary>
    public bool AcceptKind(MetricCell cell)
    {
        var isBooleanCell = cell.Kind == MetricCellKind.Boolean;
        if (IsBoolean is null)
        {
            IsBoolean = isBooleanCell;
            return true;
        }

        if (IsBoolean == true)
        {
            return isBooleanCell || cell.Value is 0 or 1;
        }

        return !isBooleanCell;
    }

    public void Add(double value)
    {
        _count++;
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
    }

    public ImportedMetric Describe(int scoredRows)
    {
        var isBoolean = IsBoolean == true;
        var hasValues = _count > 0;
        var (scaleMin, scaleMax) = BuiltIn is not null ? (BuiltIn.ScaleMin, BuiltIn.ScaleMax)
            : isBoolean ? (0, 1)
            : hasValues ? InferScale(_min, _max)
            : (double.NaN, double.NaN);

        return new ImportedMetric
        {
            Name = Name,
            SourceColumn = Source,
            BuiltIn = BuiltIn,
            IsBoolean = isBoolean,
            Aggregate = BuiltIn?.Aggregate ?? (isBoolean ? MetricAggregate.GoodRate : MetricAggregate.Mean),
            SuggestedDirection = BuiltIn?.Direction ?? direction ?? BuiltInMetrics.SuggestCustomDirection(Name),
            ObservedMin = hasValues ? _min : double.NaN,
            ObservedMax = hasValues ? _max : double.NaN,
            ScaleMin = scaleMin,
            ScaleMax = scaleMax,
            UnitConversion = ScaleFactor == 1000 ? "seconds to milliseconds (x1000)" : null,
            ValueCount = _count,
            MissingCount = Math.Max(0, scoredRows - _count),
        };
    }

    // Picks the smallest common rating scale that contains every observed value. The tolerance keeps
    // floating-point noise such as 1.0000000000000002 on the 0-1 scale.
    internal static (double Min, double Max) InferScale(double min, double max)
    {
        (double Min, double Max)[] commonScales = [(0, 1), (1, 5), (0, 5), (1, 10), (0, 10), (0, 100)];
        foreach (var scale in commonScales)
        {
            if (min >= scale.Min - BuiltInMetric.ScaleTolerance && max <= scale.Max + BuiltInMetric.ScaleTolerance)
            {
                return scale;
            }
        }

        return (min, max);
    }
}
