using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Collection;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Tests.Interception.Collection;

public sealed class PhaseScopedCursorTests
{
    private readonly TestPhaseSource phases = new(MigrationPhase.Backfill);

    [Fact]
    public void MoveNext_InnerCursor_StepsAndReadsTheBatchWithItsPhasesCurrent()
    {
        var inner = new RecordingCursor(batches: 2);
        using var cursor = new PhaseScopedCursor<IPhaseSource?>(inner, phases);

        Assert.True(cursor.MoveNext());
        IPhaseSource? readInBatch = Assert.Single(cursor.Current);
        Assert.True(cursor.MoveNext());
        Assert.False(cursor.MoveNext());

        Assert.Equal([phases, phases, phases], inner.SeenDuringMoveNext);
        Assert.Same(phases, readInBatch);
        Assert.NotSame(phases, PhaseContext.Current);
    }

    [Fact]
    public async Task MoveNextAsync_InnerCursor_StepsWithItsPhasesCurrentAndRestoresTheCallers()
    {
        var callers = new TestPhaseSource(MigrationPhase.Completed);
        var inner = new RecordingCursor(batches: 1);
        using var cursor = new PhaseScopedCursor<IPhaseSource?>(inner, phases);

        using (PhaseContext.Enter(callers))
        {
            Assert.True(await cursor.MoveNextAsync());
            Assert.Same(callers, PhaseContext.Current);
        }

        Assert.Same(phases, Assert.Single(inner.SeenDuringMoveNext));
        Assert.Same(phases, Assert.Single(cursor.Current));
    }

    [Fact]
    public void GetResumeToken_ChangeStreamCursor_IsTheInnerCursorsToken()
    {
        var inner = new RecordingCursor(batches: 0);
        using var cursor = new PhaseScopedChangeStreamCursor<IPhaseSource?>(inner, phases);

        Assert.False(cursor.MoveNext());
        Assert.Equal(new BsonDocument("_data", "token"), cursor.GetResumeToken());
    }

    [Fact]
    public void Dispose_Cursor_DisposesTheInnerCursor()
    {
        var inner = new RecordingCursor(batches: 1);

        new PhaseScopedCursor<IPhaseSource?>(inner, phases).Dispose();

        Assert.True(inner.Disposed);
    }

    /// <summary>Records the phase source current during each step; its batches read it again when enumerated (lazily).</summary>
    private sealed class RecordingCursor(int batches) : IChangeStreamCursor<IPhaseSource?>
    {
        private int remaining = batches;

        public List<IPhaseSource?> SeenDuringMoveNext { get; } = [];

        public bool Disposed { get; private set; }

        public IEnumerable<IPhaseSource?> Current => Lazy();

        public bool MoveNext(CancellationToken cancellationToken = default)
        {
            SeenDuringMoveNext.Add(PhaseContext.Current);
            return remaining-- > 0;
        }

        public async Task<bool> MoveNextAsync(CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return MoveNext(cancellationToken);
        }

        public BsonDocument GetResumeToken() => new("_data", "token");

        public void Dispose() => Disposed = true;

        private static IEnumerable<IPhaseSource?> Lazy()
        {
            yield return PhaseContext.Current;
        }
    }
}
