using System.Net;
using System.Net.Sockets;
using EmbeddedMongo.Commands;
using EmbeddedMongo.Protocol;

namespace EmbeddedMongo;

/// <summary>
/// An in-process server that speaks the MongoDB wire protocol on 127.0.0.1, keeping its data in memory.
/// It implements the subset of MongoDB that this project's tests, benchmarks and sample use, with MongoDB's
/// documented semantics; anything else is refused with a "not supported by EmbeddedMongo" error.
/// </summary>
public sealed class EmbeddedMongoServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConnectionRegistry connections = new();
    private readonly Task acceptLoop;

    private EmbeddedMongoServer(TcpListener listener, EmbeddedMongoOptions options)
    {
        this.listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Dispatcher = new CommandDispatcher(new ServerContext(options, Port));
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A connection string for this server: <c>mongodb://127.0.0.1:&lt;port&gt;/?directConnection=true</c>.</summary>
    public string ConnectionString => $"mongodb://127.0.0.1:{Port}/?directConnection=true";

    internal CommandDispatcher Dispatcher { get; }

    /// <summary>Starts a server listening on 127.0.0.1.</summary>
    public static Task<EmbeddedMongoServer> StartAsync(EmbeddedMongoOptions? options = null)
    {
        options ??= new EmbeddedMongoOptions();
        var listener = new TcpListener(IPAddress.Loopback, options.Port);
        listener.Server.NoDelay = true;
        listener.Start(backlog: 512);
        return Task.FromResult(new EmbeddedMongoServer(listener, options));
    }

    /// <summary>Stops listening and closes every open connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        connections.CloseAll();
        try
        {
            await acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: the loop ends by cancellation.
        }

        await connections.WaitForAllAsync().ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            socket.NoDelay = true;
            connections.Start(new Connection(socket, Dispatcher, stopping.Token));
        }
    }
}
