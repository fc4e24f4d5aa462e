namespace EmbeddedMongo;

/// <summary>Options for <see cref="EmbeddedMongoServer.StartAsync"/>.</summary>
public sealed class EmbeddedMongoOptions
{
    /// <summary>The TCP port to listen on, on 127.0.0.1. The default value is 0: any free port.</summary>
    public int Port { get; set; }

    /// <summary>The server version reported by <c>buildInfo</c>. The default value is <c>7.0.0</c>.</summary>
    public string Version { get; set; } = "7.0.0";
}
