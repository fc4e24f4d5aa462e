using MongoDB.Driver;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Interception.Collection;

/// <summary>
/// A cursor whose batches are fetched and deserialized with the collection's phases current: the driver deserializes
/// documents during <c>MoveNext</c>, on the caller's thread, long after the call that opened the cursor returned.
/// </summary>
/// <typeparam name="TDocument">The result type.</typeparam>
internal class PhaseScopedCursor<TDocument> : IAsyncCursor<TDocument>
{
    private readonly IPhaseSource phases;
    private IEnumerable<TDocument>? current;

    public PhaseScopedCursor(IAsyncCursor<TDocument> inner, IPhaseSource phases)
    {
        Inner = inner;
        this.phases = phases;
    }

    protected IAsyncCursor<TDocument> Inner { get; }

    public IEnumerable<TDocument> Current => current ?? throw new InvalidOperationException("Call MoveNext before reading Current.");

    public bool MoveNext(CancellationToken cancellationToken = default)
    {
        using (PhaseContext.Enter(phases))
        {
            if (!Inner.MoveNext(cancellationToken))
            {
                return false;
            }

            current = Materialize(Inner.Current);
            return true;
        }
    }

    public async Task<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        using (PhaseContext.Enter(phases))
        {
            if (!await Inner.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            current = Materialize(Inner.Current);
            return true;
        }
    }

    public void Dispose()
    {
        Inner.Dispose();
        GC.SuppressFinalize(this);
    }

    // A lazily deserializing batch would otherwise be read outside the scope.
    private static IEnumerable<TDocument> Materialize(IEnumerable<TDocument> batch) =>
        batch as IReadOnlyCollection<TDocument> ?? [.. batch];
}
