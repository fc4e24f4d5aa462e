using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>
/// An internal node for <c>$[]</c> (key "") and <c>$[identifier]</c> children: applies them to every element of
/// the array, or to the elements its array filter matches.
/// </summary>
internal sealed class ArrayUpdateNode() : InternalUpdateNode(StringComparer.Ordinal)
{
    public override void Apply(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken, IReadOnlyList<string> pathToCreate)
    {
        if (pathToCreate.Count > 0)
        {
            throw MongoCommandException.BadValue(
                $"The path '{UpdatePath.Join(pathTaken, pathToCreate)}' must exist in the document in order to apply array updates.");
        }

        if (element.Value is not BsonArray array)
        {
            throw MongoCommandException.BadValue($"Cannot apply array updates to non-array element {element.Describe()}");
        }

        // Every match is decided on the array as it was before any of these updates.
        var updates = new List<UpdateNode>?[array.Count];
        for (int i = 0; i < array.Count; i++)
        {
            foreach (KeyValuePair<string, UpdateNode> child in Children)
            {
                if (child.Key.Length == 0 || context.ArrayFilters[child.Key].Matches(array[i]))
                {
                    (updates[i] ??= []).Add(child.Value);
                }
            }
        }

        for (int i = 0; i < array.Count; i++)
        {
            if (updates[i] is not { } matching)
            {
                continue;
            }

            string index = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            IReadOnlyList<string> path = UpdatePath.Append(pathTaken, index);
            UpdateNode merged = matching[0];
            for (int j = 1; j < matching.Count; j++)
            {
                merged = UpdateNodeMerger.Merge(merged, matching[j], UpdatePath.Join(path));
            }

            ElementRef.TryGetChild(array, index, out ElementRef item);
            merged.Apply(context, item, path, []);
        }
    }
}
