namespace Nuqta.Dashboard.Core.Comparisons;

/// <summary>Per-example mean of one side's trials and the spread between them.</summary>
/// <param name="Values">Mean over the trials that have a value, per example; NaN where no trial has one.</param>
/// <param name="Spread">
/// Mean over examples with two or more trial values of the sample standard deviation across those values,
/// or NaN when no example has two.
/// </param>
public sealed record AveragedTrials(double[] Values, double Spread);

/// <summary>Combines repeated runs (trials) of one model version on one dataset version.</summary>
public static class TrialAveraging
{
    /// <summary>
    /// Averages the trials per example, ignoring NaN, and measures how much the trials disagree.
    /// With one trial, <see cref="AveragedTrials.Values"/> is that trial's array itself.
    /// </summary>
    /// <param name="trials">One array per trial, each in the dataset version's example order.</param>
    /// <exception cref="ArgumentException">No trial is given, or the trials differ in length.</exception>
    public static AveragedTrials Average(IReadOnlyList<double[]> trials)
    {
        if (trials.Count == 0)
        {
            throw new ArgumentException("At least one trial is required.", nameof(trials));
        }

        // One trial is its own mean and has no spread. Its array is returned as it is, not copied,
        // because a comparison of million-example runs would copy every metric of both sides.
        if (trials.Count == 1)
        {
            return new AveragedTrials(trials[0], double.NaN);
        }

        int length = trials[0].Length;
        if (trials.Any(t => t.Length != length))
        {
            throw new ArgumentException(
                $"Trials of one side must cover the same examples, but their lengths are {string.Join(", ", trials.Select(t => t.Length))}.",
                nameof(trials));
        }

        var means = new double[length];
        double spreadSum = 0;
        int spreadCount = 0;
        for (int i = 0; i < length; i++)
        {
            double sum = 0;
            int count = 0;
            foreach (double[] trial in trials)
            {
                if (!double.IsNaN(trial[i]))
                {
                    sum += trial[i];
                    count++;
                }
            }

            means[i] = count == 0 ? double.NaN : sum / count;
            if (count < 2)
            {
                continue;
            }

            double squares = 0;
            foreach (double[] trial in trials)
            {
                if (!double.IsNaN(trial[i]))
                {
                    squares += (trial[i] - means[i]) * (trial[i] - means[i]);
                }
            }

            spreadSum += Math.Sqrt(squares / (count - 1));
            spreadCount++;
        }

        return new AveragedTrials(means, spreadCount == 0 ? double.NaN : spreadSum / spreadCount);
    }
}
