using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary>
/// A dotted path and the values it reaches, exactly as MongoDB's matcher walks it: embedded documents are descended,
/// arrays met before the end are traversed element by element (documents only) and may also be indexed by a numeric
/// component, an array at the end offers its elements then itself, and a path that stops short offers "missing".
/// </summary>
internal sealed class FieldPath
{
    private readonly string[] parts;

    // The array index a component names, or -1: only canonical decimals ("0", "12", not "01") index arrays.
    private readonly int[] offsets;

    public FieldPath(string dotted)
    {
        Dotted = dotted;
        parts = dotted.Split('.');
        offsets = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            offsets[i] = ParseOffset(parts[i]);
        }
    }

    public string Dotted { get; }

    /// <summary>True when <paramref name="predicate"/> matches any value the path reaches in <paramref name="root"/>.</summary>
    public bool AnyMatch(BsonValue root, ValuePredicate predicate) => WalkObject(root, 0, predicate);

    /// <summary>The index <paramref name="name"/> denotes, or -1 when it is not a canonical non-negative decimal.</summary>
    public static int ParseOffset(string name)
    {
        if (name.Length == 0 || name.Length > 9 || (name[0] == '0' && name.Length > 1))
        {
            return -1;
        }

        int value = 0;
        foreach (char c in name)
        {
            if (c is < '0' or > '9')
            {
                return -1;
            }

            value = (value * 10) + (c - '0');
        }

        return value;
    }

    // Descends embedded documents from parts[index] until the end, a missing field, a scalar or an array.
    private bool WalkObject(BsonValue container, int index, ValuePredicate predicate)
    {
        BsonValue current = container;
        while (true)
        {
            if (!TryGetField(current, index, out BsonValue? value))
            {
                return predicate.Matches(null);
            }

            bool last = index == parts.Length - 1;
            switch (value.BsonType)
            {
                case BsonType.Document:
                    if (last)
                    {
                        return predicate.Matches(value);
                    }

                    current = value;
                    index++;
                    continue;
                case BsonType.Array:
                    return WalkArray(value.AsBsonArray, index + 1, predicate);
                default:
                    // A scalar in the middle of the path: the rest of the path is missing.
                    return predicate.Matches(last ? value : null);
            }
        }
    }

    private bool WalkArray(BsonArray array, int rest, ValuePredicate predicate)
    {
        if (rest == parts.Length)
        {
            if (!predicate.TraversesLeafArrays)
            {
                return predicate.Matches(array);
            }

            for (int i = 0; i < array.Count; i++)
            {
                if (predicate.Matches(array[i]))
                {
                    return true;
                }
            }

            return predicate.Matches(array);
        }

        int offset = offsets[rest];
        bool offsetIsLast = rest == parts.Length - 1;
        for (int i = 0; i < array.Count; i++)
        {
            BsonValue element = array[i];
            if (element.BsonType == BsonType.Document)
            {
                // The component is first a field name inside the element, then (when numeric) its position.
                if (WalkObject(element, rest, predicate))
                {
                    return true;
                }

                if (i == offset && (offsetIsLast ? predicate.Matches(element) : WalkObject(element, rest + 1, predicate)))
                {
                    return true;
                }
            }
            else if (i == offset)
            {
                if (offsetIsLast)
                {
                    // An indexed element is offered as is: an array found this way is not expanded.
                    if (predicate.Matches(element))
                    {
                        return true;
                    }
                }
                else if (element.BsonType == BsonType.Array && WalkArray(element.AsBsonArray, rest + 1, predicate))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool TryGetField(BsonValue container, int index, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BsonValue? value)
    {
        if (container is BsonDocument document)
        {
            return document.TryGetValue(parts[index], out value);
        }

        // Only the root can be an array: $elemMatch treats an array element that is an array as a document.
        if (container is BsonArray array && offsets[index] >= 0 && offsets[index] < array.Count)
        {
            value = array[offsets[index]];
            return true;
        }

        value = null;
        return false;
    }
}
