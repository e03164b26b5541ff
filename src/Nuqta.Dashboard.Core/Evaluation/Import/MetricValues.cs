using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Nuqta.Dashboard.Core.Evaluation.Import;

/// <summary>
/// The metric values of one row, keyed by metric name, stored as an array beside a name list that
/// all rows of a file share. A million rows with a hash table each cost hundreds of megabytes of
/// allocation; this costs one small array per row. Lookups scan the names, which is fast for the
/// handful of metrics a file has.
/// </summary>
internal sealed class MetricValues(string[] names) : IDictionary<string, double>, IReadOnlyDictionary<string, double>
{
    private readonly double[] _values = new double[names.Length];
    private readonly bool[] _present = new bool[names.Length];

    public double this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The row has no metric '{key}'.");
        set
        {
            var position = Array.IndexOf(names, key);
            if (position < 0)
            {
                throw new ArgumentException($"'{key}' is not one of the file's metrics.", nameof(key));
            }

            _values[position] = value;
            _present[position] = true;
        }
    }

    /// <summary>The metric names shared by every row of the file, in position order.</summary>
    internal string[] Names => names;

    /// <summary>Sets the value of the metric at <paramref name="position"/> in <see cref="Names"/>.</summary>
    internal void SetAt(int position, double value)
    {
        _values[position] = value;
        _present[position] = true;
    }

    /// <summary>Returns the value at <paramref name="position"/> in <see cref="Names"/>, or false when the row has none.</summary>
    internal bool TryGetAt(int position, out double value)
    {
        value = _values[position];
        return _present[position];
    }

    public ICollection<string> Keys => Pairs().Select(p => p.Key).ToList();

    public ICollection<double> Values => Pairs().Select(p => p.Value).ToList();

    IEnumerable<string> IReadOnlyDictionary<string, double>.Keys => Keys;

    IEnumerable<double> IReadOnlyDictionary<string, double>.Values => Values;

    public int Count => _present.Count(p => p);

    public bool IsReadOnly => false;

    public void Add(string key, double value)
    {
        if (ContainsKey(key))
        {
            throw new ArgumentException($"The row already has a value for '{key}'.", nameof(key));
        }

        this[key] = value;
    }

    public void Add(KeyValuePair<string, double> item) => Add(item.Key, item.Value);

    public void Clear() => Array.Clear(_present);

    public bool Contains(KeyValuePair<string, double> item) => TryGetValue(item.Key, out var value) && value.Equals(item.Value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public void CopyTo(KeyValuePair<string, double>[] array, int arrayIndex)
    {
        foreach (var pair in Pairs())
        {
            array[arrayIndex++] = pair;
        }
    }

    public bool Remove(string key)
    {
        var position = Array.IndexOf(names, key);
        if (position < 0 || !_present[position])
        {
            return false;
        }

        _present[position] = false;
        return true;
    }

    public bool Remove(KeyValuePair<string, double> item) => Contains(item) && Remove(item.Key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        var position = Array.IndexOf(names, key);
        if (position >= 0 && _present[position])
        {
            value = _values[position];
            return true;
        }

        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => Pairs().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<KeyValuePair<string, double>> Pairs()
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (_present[i])
            {
                yield return new KeyValuePair<string, double>(names[i], _values[i]);
            }
        }
    }
}
