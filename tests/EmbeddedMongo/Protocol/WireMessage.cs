using System.Buffers.Binary;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;

namespace EmbeddedMongo.Protocol;

/// <summary>A request read off the wire: the command document (document sequences folded in) and how to answer.</summary>
internal sealed record WireRequest(int RequestId, OpCode OpCode, BsonDocument Command, bool MoreToCome);

/// <summary>Parses OP_MSG and OP_QUERY bodies and writes OP_MSG and OP_REPLY replies.</summary>
internal static class WireMessage
{
    public const int HeaderLength = 16;
    private const uint ChecksumPresent = 1;
    private const uint MoreToComeFlag = 2;
    private const uint ExhaustAllowed = 1 << 16;

    /// <summary>Parses a message body (everything after the 16-byte header); any malformation is a <see cref="WireProtocolException"/>.</summary>
    public static WireRequest Parse(int requestId, OpCode opCode, byte[] body)
    {
        try
        {
            return opCode switch
            {
                OpCode.Msg => ParseMsg(requestId, body),
                OpCode.Query => ParseQuery(requestId, body),
                _ => throw new WireProtocolException($"Wire opcode {(int)opCode} ({opCode}) is not supported by EmbeddedMongo; only OP_MSG and the OP_QUERY handshake are."),
            };
        }
        catch (Exception e) when (e is not WireProtocolException)
        {
            // Lengths that overrun the body, or BSON the reader refuses: the header's framing still holds.
            throw new WireProtocolException($"Malformed {opCode} message: {e.Message}");
        }
    }

    /// <summary>Whether an OP_MSG body asks for no reply (its <c>moreToCome</c> bit), readable even when the rest is not.</summary>
    public static bool IsMoreToCome(OpCode opCode, ReadOnlySpan<byte> body) =>
        opCode == OpCode.Msg && body.Length >= 4 && (BinaryPrimitives.ReadUInt32LittleEndian(body) & MoreToComeFlag) != 0;

    private static WireRequest ParseMsg(int requestId, byte[] body)
    {
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(body);
        uint known = ChecksumPresent | MoreToComeFlag | ExhaustAllowed;
        if ((flags & 0xFFFF & ~known) != 0)
        {
            throw new WireProtocolException($"OP_MSG flag bits 0x{flags:x} include required bits EmbeddedMongo does not understand.");
        }

        int end = body.Length - ((flags & ChecksumPresent) != 0 ? 4 : 0);
        int position = 4;
        BsonDocument? command = null;
        List<(string Name, BsonArray Documents)> sequences = [];
        while (position < end)
        {
            byte kind = body[position++];
            if (kind == 0)
            {
                int length = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(position));
                command = ReadDocument(body, position, length);
                position += length;
            }
            else if (kind == 1)
            {
                int size = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(position));
                int sectionEnd = position + size;
                int cursor = position + 4;
                int nameEnd = body.AsSpan(cursor, sectionEnd - cursor).IndexOf((byte)0);
                string name = System.Text.Encoding.UTF8.GetString(body, cursor, nameEnd);
                cursor += nameEnd + 1;
                sequences.Add((name, ReadDocuments(body, cursor, sectionEnd - cursor)));
                position = sectionEnd;
            }
            else
            {
                throw new WireProtocolException($"OP_MSG section kind {kind} is not supported by EmbeddedMongo.");
            }
        }

        if (command is null)
        {
            throw new WireProtocolException("OP_MSG without a body section (kind 0).");
        }

        foreach ((string name, BsonArray documents) in sequences)
        {
            command[name] = documents;
        }

        return new WireRequest(requestId, OpCode.Msg, command, (flags & MoreToComeFlag) != 0);
    }

    private static WireRequest ParseQuery(int requestId, byte[] body)
    {
        int position = 4; // flags
        int nameEnd = body.AsSpan(position).IndexOf((byte)0);
        string collection = System.Text.Encoding.UTF8.GetString(body, position, nameEnd);
        position += nameEnd + 1 + 8; // numberToSkip, numberToReturn
        if (!collection.EndsWith(".$cmd", StringComparison.Ordinal))
        {
            throw new WireProtocolException($"Legacy OP_QUERY on '{collection}' is not supported by EmbeddedMongo; only commands on '<db>.$cmd' are.");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(position));
        BsonDocument query = ReadDocument(body, position, length);
        if (query.ElementCount == 1 && query.GetElement(0).Name is "$query" or "query" && query[0].IsBsonDocument)
        {
            query = query[0].AsBsonDocument;
        }

        if (!query.Contains("$db"))
        {
            query["$db"] = collection[..^".$cmd".Length];
        }

        return new WireRequest(requestId, OpCode.Query, query, MoreToCome: false);
    }

    private static BsonDocument ReadDocument(byte[] body, int offset, int count) =>
        ReadDocuments(body, offset, count) is { Count: 1 } documents ? documents[0].AsBsonDocument : throw new WireProtocolException("A body section must hold exactly one document.");

    /// <summary>Reads the BSON documents that exactly fill <paramref name="count"/> bytes at <paramref name="offset"/>, with one reader.</summary>
    private static BsonArray ReadDocuments(byte[] body, int offset, int count)
    {
        using var stream = new MemoryStream(body, offset, count, writable: false);
        using var reader = new BsonBinaryReader(stream);
        var documents = new BsonArray();
        while (stream.Position < count)
        {
            documents.Add(BsonDocumentSerializer.Instance.Deserialize(BsonDeserializationContext.CreateRoot(reader)));
        }

        return documents;
    }

    /// <summary>Serializes a reply to <paramref name="request"/> in the matching format.</summary>
    public static byte[] EncodeReply(WireRequest request, int replyId, BsonDocument reply)
    {
        byte[] document = reply.ToBson();
        bool legacy = request.OpCode == OpCode.Query;
        int bodyLength = legacy ? 20 + document.Length : 5 + document.Length;
        byte[] message = new byte[HeaderLength + bodyLength];
        Span<byte> span = message;
        BinaryPrimitives.WriteInt32LittleEndian(span, message.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], replyId);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], request.RequestId);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], (int)(legacy ? OpCode.Reply : OpCode.Msg));
        if (legacy)
        {
            // responseFlags 0 (awaitCapable not claimed), cursorId 0, startingFrom 0, numberReturned 1.
            BinaryPrimitives.WriteInt32LittleEndian(span[32..], 1);
            document.CopyTo(span[36..]);
        }
        else
        {
            // flagBits 0, then one kind-0 section.
            span[20] = 0;
            document.CopyTo(span[21..]);
        }

        return message;
    }
}
