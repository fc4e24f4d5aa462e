using EmbeddedMongo.Errors;
using EmbeddedMongo.FailPoints;
using EmbeddedMongo.Protocol;
using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

/// <summary>Routes a command document to its handler, applies fail points and shapes errors as MongoDB does.</summary>
internal sealed class CommandDispatcher
{
    private readonly Dictionary<string, Func<CommandContext, BsonDocument>> handlers = new(StringComparer.Ordinal);

    public CommandDispatcher(ServerContext server)
    {
        Server = server;
        AdminCommands.Register(handlers);
        CatalogCommands.Register(handlers);
        IndexCommands.Register(handlers);
        WriteCommands.Register(handlers);
        ReadCommands.Register(handlers);
        FailPointCommands.Register(handlers);
    }

    public ServerContext Server { get; }

    /// <summary>Adds or replaces a command (the constructor registers MongoDB's; tests may add their own).</summary>
    public void Register(string name, Func<CommandContext, BsonDocument> handler) => handlers[name] = handler;

    public async Task<BsonDocument> ExecuteAsync(BsonDocument command, ClientSession session, CancellationToken cancellationToken)
    {
        if (command.ElementCount == 0)
        {
            return ErrorReply(ErrorCode.FailedToParse, "Empty command document.");
        }

        string name = command.GetElement(0).Name;
        if (!handlers.TryGetValue(name, out Func<CommandContext, BsonDocument>? handler))
        {
            return ErrorReply(ErrorCode.CommandNotFound, $"no such command: '{name}' (not supported by EmbeddedMongo)");
        }

        FailPointAction? failure = Server.FailPoints.Trigger(name, session.ApplicationName);
        if (failure is not null)
        {
            if (failure.BlockTime > TimeSpan.Zero)
            {
                // Timers may fire a little early; blockTimeMS promises at least that long.
                long started = System.Diagnostics.Stopwatch.GetTimestamp();
                TimeSpan left;
                while ((left = failure.BlockTime - System.Diagnostics.Stopwatch.GetElapsedTime(started)) > TimeSpan.Zero)
                {
                    await Task.Delay(left + TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
                }
            }

            if (failure.CloseConnection)
            {
                throw new CloseConnectionException();
            }

            if (failure.ErrorCode is int code)
            {
                BsonDocument error = ErrorReply((ErrorCode)code, $"Failing command {name} via 'failCommand' failpoint");
                if (failure.ErrorLabels is { } labels)
                {
                    error["errorLabels"] = labels;
                }

                return error;
            }
        }

        BsonDocument reply;
        try
        {
            reply = handler(new CommandContext(Server, command, session));
        }
        catch (MongoCommandException e)
        {
            BsonDocument error = ErrorReply(e.Code, e.Message);
            e.AddDetailsTo(error);
            return error;
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or ArgumentException or OverflowException)
        {
            // A malformed argument reached a typed accessor: report it, never drop the connection.
            return ErrorReply(ErrorCode.BadValue, $"{name}: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in EmbeddedMongo: say so to the client, whose connection and the server stay usable.
            return ErrorReply(ErrorCode.InternalError, $"{name} failed inside EmbeddedMongo: {e.GetType().Name}: {e.Message}");
        }

        if (failure?.WriteConcernError is { } writeConcernError)
        {
            reply["writeConcernError"] = writeConcernError;
        }

        return reply;
    }

    public static BsonDocument ErrorReply(ErrorCode code, string message) => new()
    {
        { "ok", 0.0 },
        { "errmsg", message },
        { "code", (int)code },
        { "codeName", code.Name() },
    };
}
