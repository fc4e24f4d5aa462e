using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary><c>$or</c>.</summary>
internal sealed class OrNode(FilterNode[] children) : FilterNode
{
    public override bool Matches(BsonValue root)
    {
        foreach (FilterNode child in children)
        {
            if (child.Matches(root))
            {
                return true;
            }
        }

        return false;
    }
}
