using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Statistics;

/// <summary>
/// Seeded random samples for the simulation tests.
/// </summary>
internal static class SimulatedSamples
{
    public static double[] Normal(Xoshiro256StarStar generator, int count, double mean, double standardDeviation)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = mean + (standardDeviation * generator.NextStandardNormal());
        }

        return values;
    }

    public static bool[] Bernoulli(Xoshiro256StarStar generator, int count, double probability)
    {
        var outcomes = new bool[count];
        for (int i = 0; i < count; i++)
        {
            outcomes[i] = generator.NextDouble() < probability;
        }

        return outcomes;
    }
}
