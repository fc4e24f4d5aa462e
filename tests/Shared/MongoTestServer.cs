using EmbeddedMongo;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;

namespace ZeroDowntime.Testing;

/// <summary>
/// The one server a test process talks to: the real MongoDB named by <c>ZDM_TEST_MONGODB_URI</c> when it is set,
/// otherwise an <see cref="EmbeddedMongoServer"/> started on first use and stopped when the process exits.
/// </summary>
public static class MongoTestServer
{
    /// <summary>The environment variable that points the tests at a real server.</summary>
    public const string UriVariable = "ZDM_TEST_MONGODB_URI";

    private static readonly Lazy<Task<(string Uri, EmbeddedMongoServer? Server)>> Started = new(StartAsync);

    /// <summary>True when the tests run against EmbeddedMongo rather than a real server.</summary>
    public static bool IsEmbedded => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(UriVariable));

    /// <summary>The connection string of the server for this test process.</summary>
    public static async Task<string> GetConnectionStringAsync() => (await Started.Value.ConfigureAwait(false)).Uri;

    private static readonly Lazy<Task<MongoClient>> Shared = new(() => CreateClientAsync());

    /// <summary>The process's shared client (never disposed by tests): fixtures use it, so they share one connection pool.</summary>
    public static Task<MongoClient> GetSharedClientAsync() => Shared.Value;

    /// <summary>
    /// Creates a client with a cluster of its own (a unique application name keeps the driver from sharing clusters
    /// between equal settings); dispose it with <see cref="DisposeClient"/> so its cluster is released too.
    /// </summary>
    public static async Task<MongoClient> CreateClientAsync(Action<MongoClientSettings>? configure = null)
    {
        var settings = MongoClientSettings.FromConnectionString(await GetConnectionStringAsync().ConfigureAwait(false));
        settings.ApplicationName = "zdm-test-" + Guid.NewGuid().ToString("N")[..12];
        configure?.Invoke(settings);
        return new MongoClient(settings);
    }

    /// <summary>Disposes a client made by <see cref="CreateClientAsync"/> and its cluster (MongoClient.Dispose alone leaks the cluster in 3.14).</summary>
    public static void DisposeClient(IMongoClient client)
    {
        ICluster cluster = client.Cluster;
        client.Dispose();
        ClusterRegistry.Instance.UnregisterAndDisposeCluster(cluster);
    }

    private static async Task<(string, EmbeddedMongoServer?)> StartAsync()
    {
        string? uri = Environment.GetEnvironmentVariable(UriVariable);
        if (!string.IsNullOrWhiteSpace(uri))
        {
            return (uri, null);
        }

        EmbeddedMongoServer server = await EmbeddedMongoServer.StartAsync().ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return (server.ConnectionString, server);
    }
}
