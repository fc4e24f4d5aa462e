namespace EmbeddedMongo.Updates;

/// <summary>An internal node whose children are fields (or array indexes) of the element it applies to.</summary>
internal sealed class ObjectUpdateNode() : InternalUpdateNode(FieldNameOrder.Instance)
{
    public override void Apply(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken, IReadOnlyList<string> pathToCreate)
    {
        foreach (KeyValuePair<string, UpdateNode> child in Children)
        {
            // A sibling applied before may have created part of the missing path: walk into what exists now.
            ElementRef current = element;
            IReadOnlyList<string> taken = pathTaken;
            int created = 0;
            while (created < pathToCreate.Count && ElementRef.TryGetChild(current.Value, pathToCreate[created], out ElementRef next))
            {
                taken = UpdatePath.Append(taken, pathToCreate[created]);
                current = next;
                created++;
            }

            if (created == pathToCreate.Count && ElementRef.TryGetChild(current.Value, child.Key, out ElementRef existing))
            {
                child.Value.Apply(context, existing, UpdatePath.Append(taken, child.Key), []);
                continue;
            }

            var missing = new List<string>(pathToCreate.Count - created + 1);
            for (int i = created; i < pathToCreate.Count; i++)
            {
                missing.Add(pathToCreate[i]);
            }

            missing.Add(child.Key);
            child.Value.Apply(context, current, taken, missing);
        }
    }
}
