using System.Buffers.Binary;
using System.Net.Sockets;
using EmbeddedMongo.Commands;
using MongoDB.Bson;

namespace EmbeddedMongo.Protocol;

/// <summary>One client connection: reads requests in order, executes them and writes the replies.</summary>
internal sealed class Connection
{
    private const int MaxMessageLength = 48_000_000;
    private static long nextId;
    private static int nextReplyId;
    private readonly Socket socket;
    private readonly CommandDispatcher dispatcher;
    private readonly CancellationToken serverStopping;

    public Connection(Socket socket, CommandDispatcher dispatcher, CancellationToken serverStopping)
    {
        this.socket = socket;
        this.dispatcher = dispatcher;
        this.serverStopping = serverStopping;
        Session = new ClientSession(Interlocked.Increment(ref nextId));
    }

    public ClientSession Session { get; }

    public void Close()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone.
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }

    public async Task RunAsync()
    {
        using var stream = new NetworkStream(socket, ownsSocket: false);
        byte[] header = new byte[WireMessage.HeaderLength];
        try
        {
            while (!serverStopping.IsCancellationRequested)
            {
                if (!await ReadExactlyAsync(stream, header).ConfigureAwait(false))
                {
                    return;
                }

                int length = BinaryPrimitives.ReadInt32LittleEndian(header);
                int requestId = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
                var opCode = (OpCode)BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
                if (length < WireMessage.HeaderLength || length > MaxMessageLength)
                {
                    return; // Not a MongoDB client, or a corrupt stream: nothing sensible to answer.
                }

                byte[] body = new byte[length - WireMessage.HeaderLength];
                if (!await ReadExactlyAsync(stream, body).ConfigureAwait(false))
                {
                    return;
                }

                WireRequest request;
                BsonDocument reply;
                try
                {
                    request = WireMessage.Parse(requestId, opCode, body);
                }
                catch (WireProtocolException e)
                {
                    // Answer in the client's own format when we can tell it; otherwise drop the connection.
                    if (opCode != OpCode.Msg && opCode != OpCode.Query)
                    {
                        return;
                    }

                    if (!WireMessage.IsMoreToCome(opCode, body))
                    {
                        request = new WireRequest(requestId, opCode, [], MoreToCome: false);
                        reply = CommandDispatcher.ErrorReply(Errors.ErrorCode.BadValue, e.Message);
                        await WriteAsync(stream, request, reply).ConfigureAwait(false);
                    }

                    continue;
                }

                try
                {
                    reply = await dispatcher.ExecuteAsync(request.Command, Session, serverStopping).ConfigureAwait(false);
                }
                catch (CloseConnectionException)
                {
                    return;
                }

                if (!request.MoreToCome)
                {
                    await WriteAsync(stream, request, reply).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            Close();
        }
    }

    private static async Task WriteAsync(NetworkStream stream, WireRequest request, BsonDocument reply)
    {
        byte[] message = WireMessage.EncodeReply(request, Interlocked.Increment(ref nextReplyId), reply);
        await stream.WriteAsync(message).ConfigureAwait(false);
    }

    private async Task<bool> ReadExactlyAsync(NetworkStream stream, byte[] buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(read), serverStopping).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
