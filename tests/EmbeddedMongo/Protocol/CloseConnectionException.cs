namespace EmbeddedMongo.Protocol;

/// <summary>Thrown by a command (a <c>closeConnection</c> fail point) to drop the connection without a reply.</summary>
internal sealed class CloseConnectionException() : Exception("The connection is closed by a fail point.");
