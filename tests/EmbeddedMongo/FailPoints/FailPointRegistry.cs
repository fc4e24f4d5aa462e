using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.FailPoints;

/// <summary>
/// The <c>failCommand</c> fail point, with MongoDB's shape: <c>mode</c> is <c>"alwaysOn"</c>, <c>"off"</c>,
/// <c>{times: n}</c> or <c>{skip: n}</c>; <c>data</c> names the commands and what happens to them.
/// </summary>
internal sealed class FailPointRegistry
{
    private readonly Lock gate = new();
    private FailCommandConfiguration? active;
    private long timesEntered;

    /// <summary>Applies a <c>configureFailPoint</c> command; returns how often the previous configuration fired.</summary>
    public long Configure(BsonDocument command)
    {
        string name = command[0].IsString ? command[0].AsString : "";
        if (name != "failCommand")
        {
            throw MongoCommandException.NotSupported($"Fail point '{name}' (only 'failCommand' is)");
        }

        FailCommandConfiguration? configuration = FailCommandConfiguration.Parse(command);
        lock (gate)
        {
            long previous = timesEntered;
            active = configuration;
            timesEntered = 0;
            return previous;
        }
    }

    /// <summary>Decides whether <paramref name="commandName"/> from a client named <paramref name="applicationName"/> fails, and how.</summary>
    public FailPointAction? Trigger(string commandName, string? applicationName)
    {
        lock (gate)
        {
            if (active is null || !active.Applies(commandName, applicationName))
            {
                return null;
            }

            if (active.Skip > 0)
            {
                active.Skip--;
                return null;
            }

            timesEntered++;
            FailPointAction action = active.Action;
            if (active.Times is not null && --active.Times <= 0)
            {
                active = null;
            }

            return action;
        }
    }
}
