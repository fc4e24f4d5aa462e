using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Protocol;

/// <summary>
/// The lifecycle of <see cref="EmbeddedMongoServer"/> itself. Each test starts its own server, so these run (and mean the
/// same) whether or not the other tests point at a real MongoDB.
/// </summary>
public sealed class EmbeddedMongoServerTests
{
    [Fact]
    public async Task StartAsync_PortZero_ListensOnAnAssignedPortNamedByTheConnectionString()
    {
        await using EmbeddedMongoServer server = await EmbeddedMongoServer.StartAsync(new EmbeddedMongoOptions { Port = 0 });

        Assert.InRange(server.Port, 1, 65535);
        Assert.Equal($"mongodb://127.0.0.1:{server.Port}/?directConnection=true", server.ConnectionString);
        MongoClient client = new(server.ConnectionString);
        try
        {
            BsonDocument reply = await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1));
            Assert.Equal(1.0, reply["ok"].ToDouble());
        }
        finally
        {
            MongoTestServer.DisposeClient(client);
        }
    }

    [Fact]
    public async Task StartAsync_ExplicitFreePort_ListensOnThatPort()
    {
        int port = FreePort();

        await using EmbeddedMongoServer server = await EmbeddedMongoServer.StartAsync(new EmbeddedMongoOptions { Port = port });

        Assert.Equal(port, server.Port);
        Assert.Contains($"127.0.0.1:{port}/", server.ConnectionString, StringComparison.Ordinal);
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, port);
        Assert.True(socket.Connected);
    }

    [Fact]
    public async Task StartAsync_PortInUse_Throws()
    {
        await using EmbeddedMongoServer first = await EmbeddedMongoServer.StartAsync();

        SocketException error = await Assert.ThrowsAsync<SocketException>(() => EmbeddedMongoServer.StartAsync(new EmbeddedMongoOptions { Port = first.Port }));

        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
    }

    [Fact]
    public async Task DisposeAsync_NewConnections_AreRefused()
    {
        EmbeddedMongoServer server = await EmbeddedMongoServer.StartAsync();
        int port = server.Port;

        await server.DisposeAsync();

        using var socket = new TcpClient();
        SocketException error = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public async Task DisposeAsync_IdleOpenConnection_IsClosed()
    {
        EmbeddedMongoServer server = await EmbeddedMongoServer.StartAsync();
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, server.Port);

        await server.DisposeAsync();

        byte[] buffer = new byte[16];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        int read;
        try
        {
            read = await socket.GetStream().ReadAsync(buffer, timeout.Token);
        }
        catch (IOException)
        {
            read = 0; // A reset is as good as an orderly close.
        }

        Assert.Equal(0, read);
    }

    [Fact]
    public async Task DisposeAsync_InFlightCommand_ClientGetsConnectionErrorPromptly()
    {
        EmbeddedMongoServer server = await EmbeddedMongoServer.StartAsync();
        var settings = MongoClientSettings.FromConnectionString(server.ConnectionString);
        settings.RetryReads = false; // A retry would only meet the same closed server; keep the assertion about one attempt.
        MongoClient client = new(settings);
        try
        {
            IMongoCollection<BsonDocument> collection = client.GetDatabase("lifecycle").GetCollection<BsonDocument>("c");
            await collection.InsertOneAsync(new BsonDocument("_id", 1));
            await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(BsonDocument.Parse(
                "{configureFailPoint: 'failCommand', mode: 'alwaysOn', data: {failCommands: ['find'], blockConnection: true, blockTimeMS: 30000}}"));
            var stopwatch = Stopwatch.StartNew();
            Task<List<BsonDocument>> find = collection.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
            await Task.Delay(200);
            Assert.False(find.IsCompleted);

            await server.DisposeAsync();

            await Assert.ThrowsAnyAsync<MongoConnectionException>(() => find);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"the blocked find ended only after {stopwatch.Elapsed}");
        }
        finally
        {
            MongoTestServer.DisposeClient(client);
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task DisposeAsync_CalledTwice_IsHarmless()
    {
        EmbeddedMongoServer server = await EmbeddedMongoServer.StartAsync();

        await server.DisposeAsync();
        await server.DisposeAsync();

        using var socket = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(IPAddress.Loopback, server.Port));
    }

    [Fact]
    public async Task Connections_FiftyClientsInParallel_AreAllServed()
    {
        await using EmbeddedMongoServer server = await EmbeddedMongoServer.StartAsync();
        const int Clients = 50, PerClient = 20;
        // Distinct application names give distinct settings, hence one cluster and connection pool per client.
        var clients = Enumerable.Range(0, Clients).Select(c =>
        {
            var settings = MongoClientSettings.FromConnectionString(server.ConnectionString);
            settings.ApplicationName = "parallel-" + c;
            return new MongoClient(settings);
        }).ToList();
        try
        {
            int[] seen = await Task.WhenAll(clients.Select(async (client, c) =>
            {
                IMongoCollection<BsonDocument> collection = client.GetDatabase("many").GetCollection<BsonDocument>("c" + c);
                await Task.WhenAll(Enumerable.Range(0, PerClient).Select(i => collection.InsertOneAsync(new BsonDocument { { "_id", i }, { "client", c } })));
                List<BsonDocument> documents = await collection.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
                Assert.All(documents, d => Assert.Equal(c, d["client"].AsInt32));
                return documents.Count;
            }));

            Assert.All(seen, n => Assert.Equal(PerClient, n));
            List<string> names = await (await clients[0].GetDatabase("many").ListCollectionNamesAsync()).ToListAsync();
            Assert.Equal(Clients, names.Count);
        }
        finally
        {
            clients.ForEach(MongoTestServer.DisposeClient);
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
