using System.Threading.Channels;

namespace ZeroDowntime.Migrations.Jobs;

/// <summary>The built-in queue for hosts without one: an unbounded channel drained by <see cref="InProcessJobWorker"/>.</summary>
internal sealed class InProcessJobQueue : IJobEnqueuer
{
    private readonly Channel<MigrationJob> channel = Channel.CreateUnbounded<MigrationJob>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<MigrationJob> Reader => channel.Reader;

    public Task EnqueueAsync(MigrationJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return channel.Writer.WriteAsync(job, cancellationToken).AsTask();
    }
}
