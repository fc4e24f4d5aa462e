using System.Runtime.CompilerServices;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>The user variables visible while compiling an expression; each definition gets its own slot.</summary>
internal sealed class ExpressionScope
{
    private readonly Dictionary<string, int> names = new(StringComparer.Ordinal);
    private readonly ExpressionScope? parent;
    private readonly StrongBox<int> slotCount;

    private ExpressionScope(ExpressionScope? parent, StrongBox<int> slotCount)
    {
        this.parent = parent;
        this.slotCount = slotCount;
    }

    /// <summary>The number of slots an evaluation of the whole expression needs.</summary>
    public int VariableCount => slotCount.Value;

    public static ExpressionScope CreateRoot() => new(null, new StrongBox<int>(0));

    public ExpressionScope CreateChild() => new(this, slotCount);

    public int Define(string name)
    {
        int slot = slotCount.Value++;
        names[name] = slot;
        return slot;
    }

    public bool TryResolve(string name, out int slot)
    {
        for (ExpressionScope? scope = this; scope is not null; scope = scope.parent)
        {
            if (scope.names.TryGetValue(name, out slot))
            {
                return true;
            }
        }

        slot = -1;
        return false;
    }
}
