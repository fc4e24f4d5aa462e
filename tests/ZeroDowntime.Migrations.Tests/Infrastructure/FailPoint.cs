using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Tests.Infrastructure;

/// <summary>
/// MongoDB's <c>failCommand</c> fail point (EmbeddedMongo implements it; a real server needs test commands enabled).
/// Dispose turns it off, in a <c>finally</c>, and reports how often it fired.
/// </summary>
internal sealed class FailPoint : IAsyncDisposable
{
    private readonly IMongoDatabase admin;
    private bool off;

    private FailPoint(IMongoDatabase admin) => this.admin = admin;

    /// <summary>How often the fail point fired; known once it is turned off.</summary>
    public long TimesFired { get; private set; }

    public static async Task<FailPoint> SetAsync(IMongoClient client, BsonDocument mode, BsonDocument data)
    {
        IMongoDatabase admin = client.GetDatabase("admin");
        await admin.RunCommandAsync<BsonDocument>(new BsonDocument { { "configureFailPoint", "failCommand" }, { "mode", mode }, { "data", data } });
        return new FailPoint(admin);
    }

    public static BsonDocument Times(int n) => new("times", n);

    public async Task<long> OffAsync()
    {
        if (!off)
        {
            BsonDocument reply = await admin.RunCommandAsync<BsonDocument>(new BsonDocument { { "configureFailPoint", "failCommand" }, { "mode", "off" } });
            TimesFired = reply.GetValue("count", 0).ToInt64();
            off = true;
        }

        return TimesFired;
    }

    public async ValueTask DisposeAsync() => await OffAsync();
}
