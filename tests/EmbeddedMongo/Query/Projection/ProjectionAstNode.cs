namespace EmbeddedMongo.Query.Projection;

/// <summary>A node of a parsed projection: a path node with children, or a leaf (<see cref="ProjectionLeaf"/>).</summary>
internal abstract class ProjectionAstNode
{
}
