namespace EmbeddedMongo.Protocol;

/// <summary>A message EmbeddedMongo cannot read; the connection answers with an error or is closed.</summary>
internal sealed class WireProtocolException(string message) : Exception(message);
