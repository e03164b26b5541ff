using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Nuqta.Dashboard.Core.Access;

namespace Nuqta.Dashboard.IntegrationTests.Support;

/// <summary>
/// Hosts the real app on the in-memory test server with its own temporary data folder, a fixed
/// audit signing key, a fake clock and a log sink. Create one per test, so that no test reads another's data.
/// </summary>
public sealed class NuqtaAppFactory : WebApplicationFactory<Program>
{
    /// <summary>Password of every test user, which meets the app's password policy.</summary>
    public const string Password = "Test-password-2026";

    private readonly long? _maxUploadBytes;
    private readonly bool _ownsDataDirectory;
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="dataDirectory">
    /// An existing data folder to start on, for tests that restart the app on the same database.
    /// The caller deletes it. Null creates a temporary folder that disposing the factory deletes.
    /// </param>
    /// <param name="settings">Further configuration settings, such as <c>Demo:Enabled</c>.</param>
    public NuqtaAppFactory(long? maxUploadBytes = null, string? dataDirectory = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        _maxUploadBytes = maxUploadBytes;
        _settings = settings ?? new Dictionary<string, string>();
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("nuqta-it-").FullName;
    }

    public string DataDirectory { get; }

    /// <summary>The SQLite file the app opens in <see cref="DataDirectory"/>.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "nuqta.db");

    /// <summary>The clock the app reads. It starts at the real time so that cookies stay valid.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Changes to the app's services after its own registrations, for example a fake; set it before the first request.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Every message the app logged, in order.</summary>
    public ConcurrentQueue<string> LogMessages { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        builder.UseSetting("Audit:SigningKey", "aW50ZWdyYXRpb24tdGVzdC1zaWduaW5nLWtleS0zMmI=");
        if (_maxUploadBytes is { } max)
        {
            builder.UseSetting("Storage:MaxUploadBytes", max.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new QueueLoggerProvider(LogMessages)));
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));
        builder.ConfigureTestServices(services => ConfigureServices?.Invoke(services));
    }

    /// <summary>Creates a user with the roles and the test password, and returns their actor.</summary>
    public async Task<Actor> CreateUserAsync(string email, params string[] roles)
    {
        var users = Services.GetRequiredService<UserAdministration>();
        var created = await users.CreateUncheckedAsync(Actor.System, new CreateUserRequest(email, email, roles, Password), "user.created");
        return (await users.LoadActorAsync(created.User.Id))!;
    }

    /// <summary>Creates a personal API key of the actor and returns it with its secret.</summary>
    public Task<CreatedApiKey> CreateKeyAsync(Actor owner, string[] scopes, int expiresInDays = 30) =>
        Services.GetRequiredService<ApiKeyService>().CreateAsync(owner, new CreateApiKeyRequest("test key", scopes, expiresInDays));

    /// <summary>Returns a client that sends the key as a bearer token.</summary>
    public HttpClient CreateKeyClient(string secret)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>Creates a user with a key of the scopes and returns a client that uses the key.</summary>
    public async Task<HttpClient> CreateKeyClientAsync(string email, string[] roles, string[] scopes)
    {
        var owner = await CreateUserAsync(email, roles);
        var key = await CreateKeyAsync(owner, scopes);
        return CreateKeyClient(key.Secret);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            if (!_ownsDataDirectory)
            {
                return;
            }

            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless and does not change the test result.
            }
        }
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> messages) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(messages);

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
