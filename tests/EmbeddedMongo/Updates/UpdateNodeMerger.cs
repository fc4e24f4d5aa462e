using EmbeddedMongo.Errors;

namespace EmbeddedMongo.Updates;

/// <summary>
/// Combines the updates of several array filters that match the same array element; two modifiers reaching
/// the same path there are a conflict, as in MongoDB.
/// </summary>
internal static class UpdateNodeMerger
{
    public static UpdateNode Merge(UpdateNode left, UpdateNode right, string path)
    {
        InternalUpdateNode merged;
        if (left is ObjectUpdateNode && right is ObjectUpdateNode)
        {
            merged = new ObjectUpdateNode();
        }
        else if (left is ArrayUpdateNode && right is ArrayUpdateNode)
        {
            merged = new ArrayUpdateNode();
        }
        else
        {
            throw new MongoCommandException(ErrorCode.ConflictingUpdateOperators, $"Update created a conflict at '{path}'");
        }

        foreach (KeyValuePair<string, UpdateNode> child in ((InternalUpdateNode)left).Children)
        {
            merged.SetChild(child.Key, child.Value);
        }

        foreach (KeyValuePair<string, UpdateNode> child in ((InternalUpdateNode)right).Children)
        {
            UpdateNode? existing = merged.GetChild(child.Key);
            if (existing is null)
            {
                merged.SetChild(child.Key, child.Value);
            }
            else
            {
                string name = merged is ArrayUpdateNode ? $"$[{child.Key}]" : child.Key;
                merged.Children[child.Key] = Merge(existing, child.Value, path + "." + name);
            }
        }

        return merged;
    }
}
