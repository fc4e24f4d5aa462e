using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>
/// <c>$a.b</c>, <c>$$ROOT.a</c>, <c>$$var.a</c>: reads a path, mapping over arrays of documents as MongoDB does
/// (<c>$a.b</c> on <c>{a: [{b: 1}, {b: 2}]}</c> is <c>[1, 2]</c>).
/// </summary>
internal sealed class FieldPathNode : ExpressionNode
{
    private const int RootSlot = -1;
    private const int NowSlot = -2;

    private static readonly HashSet<string> UnsupportedSystemVariables = new(StringComparer.Ordinal)
    {
        "CLUSTER_TIME", "DESCEND", "PRUNE", "KEEP", "SEARCH_META", "USER_ROLES", "IS_MR", "JS_SCOPE",
    };

    private readonly int slot;
    private readonly string[] path;

    private FieldPathNode(int slot, string[] path)
    {
        this.slot = slot;
        this.path = path;
    }

    /// <summary>The path below the root document, or <c>null</c> when the node reads a variable.</summary>
    public IReadOnlyList<string>? RootPath => slot == RootSlot ? path : null;

    public static ExpressionNode Parse(string raw, ExpressionScope scope)
    {
        if (raw.Length < 2)
        {
            throw AggregationErrors.Fail(16872, "'$' by itself is not a valid FieldPath");
        }

        if (raw[1] != '$')
        {
            return new FieldPathNode(RootSlot, FieldPaths.Parse(raw[1..]));
        }

        string rest = raw[2..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        string name = dot < 0 ? rest : rest[..dot];
        VariableNames.ValidateForRead(name);
        string[] parts = FieldPaths.Parse(rest);
        string[] tail = parts[1..];
        if (scope.TryResolve(name, out int userSlot))
        {
            return new FieldPathNode(userSlot, tail);
        }

        switch (name)
        {
            case "ROOT":
            case "CURRENT":
                return new FieldPathNode(RootSlot, tail);
            case "REMOVE":
                return ConstantNode.Missing;
            case "NOW":
                return new FieldPathNode(NowSlot, tail);
            default:
                if (UnsupportedSystemVariables.Contains(name))
                {
                    throw Errors.MongoCommandException.NotSupported($"The system variable $${name}");
                }

                throw AggregationErrors.Fail(17276, $"Use of undefined variable: {name}");
        }
    }

    public override BsonValue? Evaluate(EvaluationContext context)
    {
        BsonValue? start = slot switch
        {
            RootSlot => context.Root,
            NowSlot => context.Now,
            _ => context.GetVariable(slot),
        };

        if (path.Length == 0 || start is null)
        {
            return path.Length == 0 ? start : null;
        }

        return start.BsonType switch
        {
            BsonType.Document => EvaluatePath(0, start.AsBsonDocument),
            BsonType.Array => EvaluatePathArray(0, start.AsBsonArray),
            _ => null,
        };
    }

    /// <summary>Evaluates a path below the root (<see cref="RootPath"/> not null) with no evaluation context.</summary>
    public BsonValue? EvaluateOnRoot(BsonDocument root) => path.Length == 0 ? root : EvaluatePath(0, root);

    private BsonValue? EvaluatePath(int index, BsonDocument document)
    {
        while (true)
        {
            if (!document.TryGetValue(path[index], out BsonValue value))
            {
                return null;
            }

            if (index == path.Length - 1)
            {
                return value;
            }

            index++;
            switch (value.BsonType)
            {
                case BsonType.Document:
                    document = value.AsBsonDocument;
                    continue;
                case BsonType.Array:
                    return EvaluatePathArray(index, value.AsBsonArray);
                default:
                    return null;
            }
        }
    }

    private BsonArray EvaluatePathArray(int index, BsonArray array)
    {
        var result = new BsonArray();
        foreach (BsonValue element in array)
        {
            if (element.IsBsonDocument && EvaluatePath(index, element.AsBsonDocument) is { } nested)
            {
                result.Add(nested);
            }
        }

        return result;
    }
}
