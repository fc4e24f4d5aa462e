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

    // Clients with equal settings share one cluster (the driver's ClusterRegistry): it is released with the last of them.
    private static readonly Dictionary<ICluster, int> ClientsPerCluster = [];
    private static readonly Lock ClusterGate = new();

    /// <summary>True when the tests run against EmbeddedMongo rather than a real server.</summary>
    public static bool IsEmbedded => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(UriVariable));

    /// <summary>The connection string of the server for this test process.</summary>
    public static async Task<string> GetConnectionStringAsync() => (await Started.Value.ConfigureAwait(false)).Uri;

    /// <summary>Creates a client; dispose it with <see cref="DisposeClient"/> so its cluster is released too.</summary>
    public static async Task<MongoClient> CreateClientAsync(Action<MongoClientSettings>? configure = null)
    {
        var settings = MongoClientSettings.FromConnectionString(await GetConnectionStringAsync().ConfigureAwait(false));
        configure?.Invoke(settings);
        lock (ClusterGate)
        {
            var client = new MongoClient(settings);
            ClientsPerCluster[client.Cluster] = ClientsPerCluster.GetValueOrDefault(client.Cluster) + 1;
            return client;
        }
    }

    /// <summary>
    /// Disposes a client and, once no other client made by <see cref="CreateClientAsync"/> shares it, its cluster
    /// (MongoClient.Dispose alone leaks the cluster in 3.14).
    /// </summary>
    public static void DisposeClient(IMongoClient client)
    {
        lock (ClusterGate)
        {
            ICluster cluster = client.Cluster;
            client.Dispose();
            int others = ClientsPerCluster.GetValueOrDefault(cluster) - 1;
            if (others > 0)
            {
                ClientsPerCluster[cluster] = others;
                return;
            }

            ClientsPerCluster.Remove(cluster);
            ClusterRegistry.Instance.UnregisterAndDisposeCluster(cluster);
        }
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
