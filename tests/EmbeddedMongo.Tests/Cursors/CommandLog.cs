using System.Collections.Concurrent;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using MongoDB.Driver.Core.Events;

namespace EmbeddedMongo.Tests.Cursors;

/// <summary>A client whose commands and replies are recorded, to assert what went over the wire.</summary>
internal sealed class CommandLog : IDisposable
{
    // Materialised at event time: the driver disposes its raw command and reply buffers afterwards.
    private readonly ConcurrentQueue<(string Name, BsonDocument Command)> started = new();
    private readonly ConcurrentQueue<(string Name, BsonDocument Reply)> succeeded = new();

    private CommandLog(MongoClient client) => Client = client;

    public MongoClient Client { get; }

    public static async Task<CommandLog> CreateAsync(Action<MongoClientSettings>? configure = null)
    {
        CommandLog? log = null;
        MongoClient client = await MongoTestServer.CreateClientAsync(settings =>
        {
            settings.ClusterConfigurator = builder => builder
                .Subscribe<CommandStartedEvent>(e => log!.started.Enqueue((e.CommandName, Materialise(e.Command))))
                .Subscribe<CommandSucceededEvent>(e => log!.succeeded.Enqueue((e.CommandName, Materialise(e.Reply))));
            configure?.Invoke(settings);
        });
        log = new CommandLog(client);
        return log;
    }

    /// <summary>The commands named <paramref name="commandName"/> sent so far (heartbeats are not commands here).</summary>
    public List<BsonDocument> Started(string commandName) =>
        started.Where(e => e.Name == commandName).Select(e => e.Command).ToList();

    public List<BsonDocument> Replies(string commandName) =>
        succeeded.Where(e => e.Name == commandName).Select(e => e.Reply).ToList();

    public void Dispose() => MongoTestServer.DisposeClient(Client);

    private static BsonDocument Materialise(BsonDocument document) => BsonSerializer.Deserialize<BsonDocument>(document.ToBson());
}
