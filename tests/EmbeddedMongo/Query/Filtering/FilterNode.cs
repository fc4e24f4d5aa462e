using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>A compiled predicate over a whole document (or, under <c>$elemMatch</c>, an array element used as one).</summary>
internal abstract class FilterNode
{
    /// <summary>Tests <paramref name="root"/>, a document, or an array whose elements are reached by their index as field name.</summary>
    public abstract bool Matches(BsonValue root);
}
