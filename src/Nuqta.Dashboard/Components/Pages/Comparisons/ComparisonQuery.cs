namespace Nuqta.Dashboard.Components.Pages.Comparisons;

/// <summary>Names of the query parameters of the comparison pages, so a copied link reproduces the view.</summary>
public static class ComparisonQuery
{
    public const string Model = "model";
    public const string Candidate = "candidate";
    public const string Baseline = "baseline";
    public const string Dataset = "dataset";
    public const string DatasetVersion = "datasetVersion";

    /// <summary>Segment dimension of the charts, heatmap and table.</summary>
    public const string Dimension = "dimension";

    /// <summary>Metric of the distribution and drill-down.</summary>
    public const string Metric = "metric";

    /// <summary>Segment value of the distribution and drill-down; absent for all examples.</summary>
    public const string Segment = "segment";

    /// <summary>Example index whose outputs are open side by side.</summary>
    public const string Example = "example";

    /// <summary>Lists every cell in the table instead of the chosen dimension's.</summary>
    public const string AllCells = "cells";

    public const string Sort = "sort";
    public const string Descending = "desc";
}
