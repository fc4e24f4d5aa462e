using ZeroDowntime.Migrations.Interception.Collection;

namespace ZeroDowntime.Migrations.Tests.Interception.Collection;

public sealed class InMemoryCursorTests
{
    [Fact]
    public async Task MoveNext_Values_ReturnsThemInOneBatchThenEnds()
    {
        using var cursor = new InMemoryCursor<string>(["a", "b"]);

        Assert.True(cursor.MoveNext());
        Assert.Equal(["a", "b"], cursor.Current);
        Assert.False(await cursor.MoveNextAsync());
    }

    [Fact]
    public void MoveNext_NoValues_EndsAtOnce()
    {
        using var cursor = new InMemoryCursor<string>([]);

        Assert.False(cursor.MoveNext());
        Assert.Empty(cursor.Current);
    }

    [Fact]
    public void Current_BeforeMoveNext_Throws()
    {
        using var cursor = new InMemoryCursor<int>([1]);

        Assert.Throws<InvalidOperationException>(() => cursor.Current);
    }
}
