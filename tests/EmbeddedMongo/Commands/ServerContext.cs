using EmbeddedMongo.Cursors;
using EmbeddedMongo.FailPoints;
using EmbeddedMongo.Storage;

namespace EmbeddedMongo.Commands;

/// <summary>Everything the commands share: the data, the open cursors, the fail points and the server's identity.</summary>
internal sealed class ServerContext(EmbeddedMongoOptions options, int port)
{
    public EmbeddedMongoOptions Options { get; } = options;

    public string HostAndPort { get; } = $"127.0.0.1:{port}";

    public StorageEngine Storage { get; } = new();

    public CursorManager Cursors { get; } = new();

    public FailPointRegistry FailPoints { get; } = new();

    public DateTime StartedAt { get; } = DateTime.UtcNow;
}
