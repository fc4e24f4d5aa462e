using MongoDB.Driver;
using Xunit;

namespace ZeroDowntime.Testing;

/// <summary>
/// A fresh database per test class (use as <c>IClassFixture&lt;MongoDatabaseFixture&gt;</c>), dropped afterwards,
/// on the process's test server (<see cref="MongoTestServer"/>).
/// </summary>
public sealed class MongoDatabaseFixture : IAsyncLifetime
{
    private MongoClient? client;

    /// <summary>A client connected to the test server.</summary>
    public IMongoClient Client => client ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The database of this test class; its name is unique to the run.</summary>
    public IMongoDatabase Database { get; private set; } = null!;

    /// <summary>The connection string of the test server.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        ConnectionString = await MongoTestServer.GetConnectionStringAsync().ConfigureAwait(false);
        client = await MongoTestServer.GetSharedClientAsync().ConfigureAwait(false);
        Database = client.GetDatabase("zdm_test_" + Guid.NewGuid().ToString("N")[..12]);
    }

    /// <summary>A collection with a name unique to the caller, so tests in one class do not share data.</summary>
    public IMongoCollection<TDocument> NewCollection<TDocument>(string prefix = "c") =>
        Database.GetCollection<TDocument>(prefix + "_" + Guid.NewGuid().ToString("N")[..8]);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (client is not null)
        {
            // The client is the process's shared one: only the database belongs to this class.
            await client.DropDatabaseAsync(Database.DatabaseNamespace.DatabaseName).ConfigureAwait(false);
        }
    }
}
