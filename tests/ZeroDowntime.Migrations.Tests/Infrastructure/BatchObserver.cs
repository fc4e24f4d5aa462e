using System.Collections.Concurrent;
using System.Diagnostics;

namespace ZeroDowntime.Migrations.Tests.Infrastructure;

/// <summary>
/// Listens to the <c>zdm.job.batch</c> spans of one migration, and optionally acts on the job's thread after each
/// batch that processed documents (its progress written) or as each batch starts (a command given then is read with
/// that batch's progress write, so the job obeys it before the next batch).
/// </summary>
internal sealed class BatchObserver : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentQueue<Activity> spans = new();
    private readonly string migrationId;
    private int batches;
    private int started;

    public BatchObserver(string migrationId, Action<int>? afterBatch = null, Action<int>? duringBatch = null)
    {
        this.migrationId = migrationId;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "ZeroDowntime.Migrations",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = activity =>
            {
                if (activity.OperationName == "zdm.job.batch" && activity.GetTagItem("zdm.migration") as string == this.migrationId && duringBatch is not null)
                {
                    duringBatch(Interlocked.Increment(ref started));
                }
            },
            ActivityStopped = activity =>
            {
                if (activity.OperationName != "zdm.job.batch" || activity.GetTagItem("zdm.migration") as string != this.migrationId)
                {
                    return;
                }

                spans.Enqueue(activity);
                if (activity.GetTagItem("zdm.batch.documents") is int)
                {
                    afterBatch?.Invoke(Interlocked.Increment(ref batches));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Every batch span of the migration, empty reads included.</summary>
    public IReadOnlyList<Activity> Spans => [.. spans];

    /// <summary>The spans of batches that processed documents.</summary>
    public IReadOnlyList<Activity> DocumentBatches => spans.Where(s => s.GetTagItem("zdm.batch.documents") is int).ToList();

    /// <summary>The documents each batch processed, in order.</summary>
    public IReadOnlyList<int> BatchSizes => DocumentBatches.Select(s => (int)s.GetTagItem("zdm.batch.documents")!).ToList();

    public void Dispose() => listener.Dispose();
}
