using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.IntegrationTests.Support;

namespace Nuqta.Dashboard.IntegrationTests;

public sealed class SetupTests
{
    [Fact]
    public async Task Setup_LoggedLinkCreatesAdminOnce()
    {
        using var app = new NuqtaAppFactory();
        using var client = app.CreateClient();
        var link = await WaitForSetupLinkAsync(app);

        var page = await client.GetStringAsync(link);
        var response = await HtmlForms.SubmitAsync(client, link, new Dictionary<string, string>
        {
            ["Input.Email"] = "admin@example.com",
            ["Input.DisplayName"] = "First Admin",
            ["Input.Password"] = NuqtaAppFactory.Password,
            ["Input.ConfirmPassword"] = NuqtaAppFactory.Password,
        });
        var result = await response.Content.ReadAsStringAsync();
        var reused = await client.GetStringAsync(link);

        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "nuqta.db")));
        Assert.Contains("Create the first admin", page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The admin account was created", result);
        Assert.False(await app.Services.GetRequiredService<SetupService>().IsSetupPendingAsync());
        Assert.Contains("Setup is already complete", reused);
    }

    [Fact]
    public async Task Setup_WrongTokenRejected()
    {
        using var app = new NuqtaAppFactory();
        using var client = app.CreateClient();
        await WaitForSetupLinkAsync(app);

        var page = await client.GetStringAsync("/setup?token=0123456789abcdef");

        Assert.Contains("The setup link is not valid", page);
        Assert.DoesNotContain("Create admin</button>", page);
    }

    [Fact]
    public async Task Setup_NoLinkOnceUserExists()
    {
        using var app = new NuqtaAppFactory();
        using var client = app.CreateClient();
        await WaitForSetupLinkAsync(app);
        await app.CreateUserAsync("admin@example.com", Roles.Admin);

        var token = await app.Services.GetRequiredService<SetupService>().IssueTokenIfNoUsersAsync();

        Assert.Null(token);
    }

    // The app logs the link once the host has started, which may be just after the first request returns.
    private static async Task<string> WaitForSetupLinkAsync(NuqtaAppFactory app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var message = app.LogMessages.FirstOrDefault(m => m.Contains("/setup?token=", StringComparison.Ordinal));
            if (message is not null)
            {
                return "/setup?token=" + Regex.Match(message, "token=([0-9a-f]+)").Groups[1].Value;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The app did not log a setup link within 10 seconds.");
    }
}
