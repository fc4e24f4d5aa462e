using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>
/// A predicate over one value reached by a path (MongoDB's <c>matchesSingleElement</c>); <c>null</c> is a missing value.
/// Applied to a path it becomes a <see cref="FilterNode"/> that matches when any value the path reaches matches.
/// </summary>
internal abstract class ValuePredicate
{
    /// <summary>Whether an array at the end of the path also offers its elements (false for <c>$size</c> and <c>$elemMatch</c>).</summary>
    public virtual bool TraversesLeafArrays => true;

    public abstract bool Matches(BsonValue? value);

    /// <summary>The document-level node testing this predicate on <paramref name="path"/>.</summary>
    public virtual FilterNode ToFilterNode(FieldPath path) => new PathNode(path, this);
}
