using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Nuqta.Dashboard.Core;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Storage;

namespace Nuqta.Dashboard.Tests.Support;

/// <summary>
/// The Core services on a fresh SQLite file in a temporary folder, with a fake clock. Each test
/// creates its own instance, so that no test reads another's rows.
/// </summary>
public sealed class CoreHost : IAsyncDisposable
{
    /// <summary>Base64 of 32 bytes, the audit signing key every test host uses.</summary>
    public const string SigningKey = "dGVzdC1zaWduaW5nLWtleS0zMi1ieXRlcy1sb25nISE=";

    private readonly ServiceProvider _services;

    private CoreHost(string directory, ServiceProvider services, FakeTimeProvider time)
    {
        Directory = directory;
        _services = services;
        Time = time;
    }

    /// <summary>The temporary data folder; deleted on dispose.</summary>
    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "nuqta.db");

    /// <summary>Connection string without pooling, so that disposing the host releases the file.</summary>
    public string ConnectionString => $"Data Source={DatabasePath};Default Timeout=30;Pooling=False";

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => _services;

    /// <param name="configure">Registers extra or replacement services after the Core ones, such as a fake SLO check.</param>
    public static async Task<CoreHost> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("nuqta-test-").FullName;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Audit:SigningKey"] = SigningKey })
            .Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddOptions<StorageOptions>().Configure(o =>
        {
            o.DataDirectory = directory;
            o.ResolvedDataDirectory = directory;
        });
        services.AddNuqtaData($"Data Source={Path.Combine(directory, "nuqta.db")};Default Timeout=30;Pooling=False");
        services.AddNuqtaAudit(configuration);
        services.AddNuqtaAccess(configuration);
        services.AddNuqtaRegistry();
        services.AddNuqtaEvaluation();
        services.AddNuqtaComparisons();
        services.AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        services.AddNuqtaWebhooks(configuration);
        services.AddNuqtaRollbacks();
        services.AddNuqtaReleases();
        services.AddNuqtaScorecards(configuration);
        configure?.Invoke(services);

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var host = new CoreHost(directory, provider, time);
        await host.Get<DatabaseInitializer>().InitializeAsync();
        return host;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Opens a new context on the test database; the caller disposes it.</summary>
    public NuqtaDbContext CreateContext() => Get<IDbContextFactory<NuqtaDbContext>>().CreateDbContext();

    /// <summary>Opens a raw connection, for SQL that the app itself never runs (dropping triggers, tampering).</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs one SQL statement on a raw connection.</summary>
    public void Execute(string sql)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Creates a user with the roles and returns the actor the app builds for them.</summary>
    public async Task<Actor> CreateUserAsync(string email, params string[] roles)
    {
        var users = Get<UserAdministration>();
        var created = await users.CreateUncheckedAsync(Actors.System, new CreateUserRequest(email, email, roles, null), "user.created");
        return (await users.LoadActorAsync(created.User.Id))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless and does not change the test result.
        }
    }
}
