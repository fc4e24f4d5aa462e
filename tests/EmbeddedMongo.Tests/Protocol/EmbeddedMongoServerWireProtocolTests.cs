using System.Buffers.Binary;
using MongoDB.Bson;

namespace EmbeddedMongo.Tests.Protocol;

/// <summary>
/// Wire-protocol edge cases the driver never produces, sent over a raw socket to a server of the test's own (these
/// are about EmbeddedMongo's protocol layer, so they do not use the shared test server).
/// </summary>
public sealed class EmbeddedMongoServerWireProtocolTests : IAsyncLifetime
{
    private const uint ChecksumPresent = 1;
    private const uint MoreToCome = 2;
    private EmbeddedMongoServer server = null!;

    public async Task InitializeAsync() => server = await EmbeddedMongoServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData(RawWireClient.OpInsert)]
    [InlineData(RawWireClient.OpCompressed)]
    [InlineData(2005)] // OP_GET_MORE
    public async Task Receive_UnsupportedOpcode_ClosesConnectionInsteadOfHanging(int opCode)
    {
        using RawWireClient client = await RawWireClient.ConnectAsync(server.Port);

        await client.SendAsync(opCode, new byte[32]);

        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task Receive_LengthBeyondMaximumMessageSize_ClosesConnection()
    {
        using RawWireClient client = await RawWireClient.ConnectAsync(server.Port);
        byte[] header = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(header, 100_000_000);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), RawWireClient.OpMsg);

        await client.SendRawAsync(header);

        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task Receive_OpQueryIsMasterHandshake_RepliesWithOpReply()
    {
        using RawWireClient client = await RawWireClient.ConnectAsync(server.Port);

        int requestId = await client.SendAsync(RawWireClient.OpQuery, QueryBody("admin.$cmd", new BsonDocument { { "isMaster", 1 }, { "helloOk", true } }));

        var reply = await client.ReceiveAsync();
        Assert.NotNull(reply);
        Assert.Equal(requestId, reply.Value.ResponseTo);
        Assert.Equal(RawWireClient.OpReply, reply.Value.OpCode);
        Assert.True(reply.Value.Document["ismaster"].AsBoolean);
        Assert.InRange(reply.Value.Document["maxWireVersion"].ToInt32(), 9, 30);
    }

    [Fact]
    public async Task Receive_OpQueryOnACollection_RepliesWithError()
    {
        using RawWireClient client = await RawWireClient.ConnectAsync(server.Port);

        await client.SendAsync(RawWireClient.OpQuery, QueryBody("db.users", new BsonDocument("name", "x")));

        var reply = await client.ReceiveAsync();
        Assert.NotNull(reply);
        Assert.Equal(0.0, reply.Value.Document["ok"].ToDouble());
        Assert.Contains("not supported by EmbeddedMongo", reply.Value.Document["errmsg"].AsString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_OpMsgWithChecksum_IsAnswered()
    {
        using RawWireClient client = await RawWireClient.ConnectAsync(server.Port);

        int requestId = await client.SendAsync(RawWireClient.OpMsg, RawWireClient.MsgBody(ChecksumPresent, new BsonDocument { { "ping", 1 }, { "$db", "admin" } }));

        var reply = await client.ReceiveAsync();
        Assert.NotNull(reply);
        Assert.Equal(requestId, reply.Value.ResponseTo);
        Assert.Equal(RawWireClient.OpMsg, reply.Value.OpCode);
        Assert.Equal(1.0, reply.Value.Document["ok"].ToDouble());
    }

    [Fact]
    public async Task Receive_OpMsgDocumentSequence_IsFoldedIntoTheCommand()
    {
        using RawWireClient client = await RawWireClient.ConnectAsync(server.Port);
        BsonDocument[] documents = [new BsonDocument { { "_id", 1 }, { "a", "x" } }, new BsonDocument { { "_id", 2 }, { "a", "y" } }];

        await client.SendAsync(RawWireClient.OpMsg, RawWireClient.MsgBody(ChecksumPresent, new BsonDocument { { "insert", "seq" }, { "$db", "wire" } }, ("documents", documents)));
        var inserted = await client.ReceiveAsync();
        await client.SendMsgAsync(new BsonDocument { { "find", "seq" }, { "$db", "wire" } });
        var found = await client.ReceiveAsync();

        Assert.Equal(2, inserted!.Value.Document["n"].ToInt32());
        Assert.Equal(documents, found!.Value.Document["cursor"]["firstBatch"].AsBsonArray.Select(d => d.AsBsonDocument));
    }

    [Fact]
    public async Task Receive_DocumentSequenceDocumentOverrunningItsSection_RepliesWithErrorAndInsertsNothing()
    {
        using RawWireClient client = await RawWireClient.ConnectAsync(server.Port);
        byte[] body = RawWireClient.MsgBody(0, new BsonDocument { { "insert", "overrun" }, { "$db", "wire" } },
            ("documents", [new BsonDocument("_id", 1), new BsonDocument("_id", 2)]));
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(body.Length - 14), 200); // the last document claims 200 bytes

        await client.SendAsync(RawWireClient.OpMsg, body);
        var error = await client.ReceiveAsync();
        await client.SendMsgAsync(new BsonDocument { { "count", "overrun" }, { "$db", "wire" } });
        var count = await client.ReceiveAsync();

        Assert.Equal(0.0, error!.Value.Document["ok"].ToDouble());
        Assert.Equal(0, count!.Value.Document["n"].ToInt32());
    }

    [Theory]
    [InlineData(16 * 1024 * 1024, 1)]
    [InlineData((16 * 1024 * 1024) + 1, 0)]
    public async Task Receive_InsertNearThe16MiBLimit_StoresOnlyDocumentsWithinIt(int documentSize, int stored)
    {
        using RawWireClient client = await RawWireClient.ConnectAsync(server.Port);
        string collection = "big" + documentSize;
        const int Overhead = 4 + (1 + 4 + 4) + (1 + 2 + 4 + 1) + 1; // length, _id: int, p: string, terminator
        var document = new BsonDocument { { "_id", 1 }, { "p", new string('x', documentSize - Overhead) } };
        Assert.Equal(documentSize, document.ToBson().Length);

        await client.SendAsync(RawWireClient.OpMsg, RawWireClient.MsgBody(0, new BsonDocument { { "insert", collection }, { "$db", "wire" } }, ("documents", [document])));
        var reply = await client.ReceiveAsync();

        Assert.Equal(stored, reply!.Value.Document["n"].ToInt32());
        if (stored == 0)
        {
            Assert.Equal(2, reply.Value.Document["writeErrors"][0]["code"].ToInt32()); // BadValue: "object to insert too large"
        }
    }

    [Fact]
    public async Task Receive_OpMsgMoreToCome_ExecutesWithoutReplying()
    {
        using RawWireClient client = await RawWireClient.ConnectAsync(server.Port);

        await client.SendMsgAsync(new BsonDocument { { "insert", "unacknowledged" }, { "documents", new BsonArray { new BsonDocument("_id", 7) } }, { "$db", "wire" } }, MoreToCome);
        int findId = await client.SendMsgAsync(new BsonDocument { { "find", "unacknowledged" }, { "$db", "wire" } });

        var reply = await client.ReceiveAsync();
        Assert.Equal(findId, reply!.Value.ResponseTo); // the first reply on the wire answers the find
        Assert.Equal(7, reply.Value.Document["cursor"]["firstBatch"][0]["_id"].ToInt32());
    }

    [Fact]
    public async Task Receive_OpMsgMoreToComeThatFails_StillSendsNoReply()
    {
        using RawWireClient client = await RawWireClient.ConnectAsync(server.Port);

        await client.SendMsgAsync(new BsonDocument { { "noSuchCommand", 1 }, { "$db", "wire" } }, MoreToCome);
        int pingId = await client.SendMsgAsync(new BsonDocument { { "ping", 1 }, { "$db", "admin" } });

        var reply = await client.ReceiveAsync();
        Assert.Equal(pingId, reply!.Value.ResponseTo);
        Assert.Equal(1.0, reply.Value.Document["ok"].ToDouble());
    }

    [Fact]
    public async Task Receive_OpMsgUnknownRequiredFlagBit_RepliesWithError()
    {
        using RawWireClient client = await RawWireClient.ConnectAsync(server.Port);

        await client.SendMsgAsync(new BsonDocument { { "ping", 1 }, { "$db", "admin" } }, flags: 1 << 4);

        var reply = await client.ReceiveAsync();
        Assert.Equal(0.0, reply!.Value.Document["ok"].ToDouble());
    }

    [Fact]
    public async Task Receive_OpMsgUnknownSectionKind_RepliesWithErrorAndKeepsServing()
    {
        using RawWireClient client = await RawWireClient.ConnectAsync(server.Port);
        byte[] body = RawWireClient.MsgBody(0, new BsonDocument { { "ping", 1 }, { "$db", "admin" } });
        body[4] = 7; // the section kind byte

        await client.SendAsync(RawWireClient.OpMsg, body);
        var error = await client.ReceiveAsync();
        await client.SendMsgAsync(new BsonDocument { { "ping", 1 }, { "$db", "admin" } });
        var ping = await client.ReceiveAsync();

        Assert.Equal(0.0, error!.Value.Document["ok"].ToDouble());
        Assert.Equal(1.0, ping!.Value.Document["ok"].ToDouble());
    }

    [Theory]
    [InlineData(new byte[] { 0, 0 })] // shorter than the flag bits
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 100, 0, 0, 0, 16, 97, 0 })] // a section claiming 100 bytes, holding 7
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 12, 0, 0, 0, 77, 97, 0, 1, 0, 0, 0, 0 })] // a document of unknown element type 0x4D
    public async Task Receive_MalformedOpMsg_RepliesWithErrorKeepsServingAndStopsCleanly(byte[] body)
    {
        EmbeddedMongoServer own = await EmbeddedMongoServer.StartAsync();
        using RawWireClient client = await RawWireClient.ConnectAsync(own.Port);

        await client.SendAsync(RawWireClient.OpMsg, body);
        var error = await client.ReceiveAsync();
        await client.SendMsgAsync(new BsonDocument { { "ping", 1 }, { "$db", "admin" } });
        var ping = await client.ReceiveAsync();

        Assert.Equal(0.0, error!.Value.Document["ok"].ToDouble());
        Assert.Equal(1.0, ping!.Value.Document["ok"].ToDouble());
        await own.DisposeAsync(); // must not rethrow a connection's failure
    }

    private static byte[] QueryBody(string fullCollectionName, BsonDocument query)
    {
        using var body = new MemoryStream();
        var writer = new BinaryWriter(body);
        writer.Write(0); // flags
        writer.Write(System.Text.Encoding.UTF8.GetBytes(fullCollectionName));
        writer.Write((byte)0);
        writer.Write(0); // numberToSkip
        writer.Write(-1); // numberToReturn
        writer.Write(query.ToBson());
        writer.Flush();
        return body.ToArray();
    }
}
