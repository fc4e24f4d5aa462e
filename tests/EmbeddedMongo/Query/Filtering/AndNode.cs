using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary><c>$and</c>, and the implicit conjunction of a filter's fields; empty, it matches everything.</summary>
internal sealed class AndNode(FilterNode[] children) : FilterNode
{
    public override bool Matches(BsonValue root)
    {
        foreach (FilterNode child in children)
        {
            if (!child.Matches(root))
            {
                return false;
            }
        }

        return true;
    }
}
