using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>A cursor over values already read (a distinct computed by an aggregation), in one batch.</summary>
/// <typeparam name="TValue">The value type.</typeparam>
internal sealed class InMemoryCursor<TValue>(IReadOnlyList<TValue> values) : IAsyncCursor<TValue>
{
    private bool moved;

    public IEnumerable<TValue> Current => moved ? values : throw new InvalidOperationException("Call MoveNext before reading Current.");

    public bool MoveNext(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (moved)
        {
            return false;
        }

        moved = true;
        return values.Count > 0;
    }

    public Task<bool> MoveNextAsync(CancellationToken cancellationToken = default) => Task.FromResult(MoveNext(cancellationToken));

    public void Dispose()
    {
    }
}
