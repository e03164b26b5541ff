using MudBlazor;

namespace Nuqta.Dashboard.Components.Layout;

/// <summary>
/// The app's light and dark palettes. Type is larger than MudBlazor's default so that a
/// projector in a meeting room stays readable from the back.
/// </summary>
public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5e6b",
            Secondary = "#8a4b08",
            AppbarBackground = "#0b5e6b",
            Background = "#f6f8f9",
            Success = "#1b7f3b",
            Error = "#b3261e",
            Warning = "#9a6700",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#5cc4d1",
            Secondary = "#f0a35e",
            AppbarBackground = "#10262a",
            Success = "#57c27a",
            Error = "#ff8a80",
            Warning = "#f2c14e",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontSize = "1rem", LineHeight = "1.5" },
            Body1 = new Body1Typography { FontSize = "1rem" },
            Body2 = new Body2Typography { FontSize = "0.95rem" },
            H4 = new H4Typography { FontSize = "2rem", FontWeight = "600" },
            H5 = new H5Typography { FontSize = "1.5rem", FontWeight = "600" },
            H6 = new H6Typography { FontSize = "1.2rem", FontWeight = "600" },
        },
    };
}
