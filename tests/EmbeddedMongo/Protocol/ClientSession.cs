namespace EmbeddedMongo.Protocol;

/// <summary>What the server knows of one connection: its id and the application name from the handshake.</summary>
internal sealed class ClientSession(long connectionId)
{
    public long ConnectionId { get; } = connectionId;

    public string? ApplicationName { get; set; }
}
