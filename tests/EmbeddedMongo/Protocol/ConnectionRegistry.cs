using System.Collections.Concurrent;

namespace EmbeddedMongo.Protocol;

/// <summary>Tracks open connections so that stopping the server closes every one of them.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<Connection, Task> running = new();

    public void Start(Connection connection)
    {
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task task = Task.Run(async () =>
        {
            await registered.Task.ConfigureAwait(false);
            try
            {
                await connection.RunAsync().ConfigureAwait(false);
            }
            finally
            {
                running.TryRemove(connection, out _);
            }
        });
        running[connection] = task;
        registered.SetResult(); // Only now may the connection remove itself from the registry.
    }

    public void CloseAll()
    {
        foreach (Connection connection in running.Keys)
        {
            connection.Close();
        }
    }

    public Task WaitForAllAsync() => Task.WhenAll(running.Values);
}
