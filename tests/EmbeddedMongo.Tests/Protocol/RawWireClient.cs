using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using MongoDB.Bson;

namespace EmbeddedMongo.Tests.Protocol;

/// <summary>A bare TCP client that writes hand-built wire messages, for what the driver never sends.</summary>
internal sealed class RawWireClient : IDisposable
{
    public const int OpReply = 1;
    public const int OpInsert = 2002;
    public const int OpQuery = 2004;
    public const int OpCompressed = 2012;
    public const int OpMsg = 2013;
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient tcp = new() { NoDelay = true };
    private int nextRequestId = 1;

    public static async Task<RawWireClient> ConnectAsync(int port)
    {
        var client = new RawWireClient();
        await client.tcp.ConnectAsync(IPAddress.Loopback, port);
        return client;
    }

    /// <summary>Sends a message with the given op code and body; returns its request id.</summary>
    public async Task<int> SendAsync(int opCode, byte[] body)
    {
        int requestId = nextRequestId++;
        byte[] message = new byte[16 + body.Length];
        BinaryPrimitives.WriteInt32LittleEndian(message, message.Length);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(4), requestId);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(12), opCode);
        body.CopyTo(message, 16);
        await tcp.GetStream().WriteAsync(message);
        return requestId;
    }

    /// <summary>Sends bytes as they are, header included.</summary>
    public async Task SendRawAsync(byte[] bytes) => await tcp.GetStream().WriteAsync(bytes);

    public Task<int> SendMsgAsync(BsonDocument command, uint flags = 0) => SendAsync(OpMsg, MsgBody(flags, command));

    /// <summary>An OP_MSG body: flag bits, a kind-0 section, then the given kind-1 sections and, when flagged, a checksum.</summary>
    public static byte[] MsgBody(uint flags, BsonDocument command, params (string Name, BsonDocument[] Documents)[] sequences)
    {
        using var body = new MemoryStream();
        var writer = new BinaryWriter(body);
        writer.Write(flags);
        writer.Write((byte)0);
        writer.Write(command.ToBson());
        foreach ((string name, BsonDocument[] documents) in sequences)
        {
            byte[] nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
            byte[][] encoded = documents.Select(d => d.ToBson()).ToArray();
            writer.Write((byte)1);
            writer.Write(4 + nameBytes.Length + 1 + encoded.Sum(e => e.Length));
            writer.Write(nameBytes);
            writer.Write((byte)0);
            foreach (byte[] document in encoded)
            {
                writer.Write(document);
            }
        }

        if ((flags & 1) != 0)
        {
            writer.Write(0xDEADBEEFu); // EmbeddedMongo need not verify the CRC-32C, only step over it.
        }

        writer.Flush();
        return body.ToArray();
    }

    /// <summary>Reads one reply; null when the server closed the connection.</summary>
    public async Task<(int ResponseTo, int OpCode, BsonDocument Document)?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        byte[] header = new byte[16];
        if (!await ReadExactlyAsync(header, timeout.Token))
        {
            return null;
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(header);
        int responseTo = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        int opCode = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
        byte[] body = new byte[length - 16];
        if (!await ReadExactlyAsync(body, timeout.Token))
        {
            return null;
        }

        // OP_REPLY: flags, cursorId, startingFrom, numberReturned, then the document; OP_MSG: flags, kind 0, document.
        int offset = opCode == OpReply ? 20 : 5;
        return (responseTo, opCode, BsonSerializerDeserialize(body.AsSpan(offset).ToArray()));
    }

    /// <summary>True when the server closes the connection (rather than answering or hanging) within the timeout.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        try
        {
            return await tcp.GetStream().ReadAsync(new byte[1], timeout.Token) == 0;
        }
        catch (IOException)
        {
            return true; // Reset by the server.
        }
    }

    public void Dispose() => tcp.Dispose();

    private static BsonDocument BsonSerializerDeserialize(byte[] bytes) => MongoDB.Bson.Serialization.BsonSerializer.Deserialize<BsonDocument>(bytes);

    private async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            await tcp.GetStream().ReadExactlyAsync(buffer, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            return false;
        }
    }
}
