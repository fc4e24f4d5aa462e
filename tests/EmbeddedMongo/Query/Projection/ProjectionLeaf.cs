using EmbeddedMongo.Aggregation.Expressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Query.Projection;

/// <summary>What a projection does at one path: include, exclude, compute, find-<c>$slice</c> or find-<c>$elemMatch</c>.</summary>
internal sealed class ProjectionLeaf : ProjectionAstNode
{
    private ProjectionLeaf()
    {
    }

    public bool? Include { get; private init; }

    public CompiledExpression? Expression { get; private init; }

    public bool IsSlice { get; private init; }

    public int? SliceSkip { get; private init; }

    public int SliceLimit { get; private init; }

    public BsonDocument? ElemMatch { get; private init; }

    public static ProjectionLeaf Boolean(bool include) => new() { Include = include };

    public static ProjectionLeaf Computed(CompiledExpression expression) => new() { Expression = expression };

    public static ProjectionLeaf Slice(int? skip, int limit) => new() { IsSlice = true, SliceSkip = skip, SliceLimit = limit };

    public static ProjectionLeaf ElemMatchOf(BsonDocument condition) => new() { ElemMatch = condition };
}
