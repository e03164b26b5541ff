using Nuqta.Dashboard.Core.Common;

namespace Nuqta.Dashboard.Tests.Common;

public sealed class InputErrorTests
{
    [Theory]
    [InlineData("version is required", "version", null, null, "version is required")]
    [InlineData("Model 'x' has no version 'v9'", "version", null, null, "version: Model 'x' has no version 'v9'")]
    [InlineData("the id is empty", null, 4L, "id", "line 4, column 'id': the id is empty")]
    [InlineData("versionMap is required with splitBy", "version", null, null, "version: versionMap is required with splitBy")]
    [InlineData("no row matched", null, null, null, "no row matched")]
    public void ToString_NamesLocationOnce(string message, string? field, long? line, string? column, string expected)
    {
        var error = new InputError(message, field, line, column);

        Assert.Equal(expected, error.ToString());
    }
}
