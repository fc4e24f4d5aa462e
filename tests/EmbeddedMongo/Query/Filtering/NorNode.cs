using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary><c>$nor</c>: no clause matches.</summary>
internal sealed class NorNode(FilterNode[] children) : FilterNode
{
    public override bool Matches(BsonValue root)
    {
        foreach (FilterNode child in children)
        {
            if (child.Matches(root))
            {
                return false;
            }
        }

        return true;
    }
}
