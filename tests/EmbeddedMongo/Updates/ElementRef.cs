using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>
/// An existing element of the document being updated: a field of a document, an element of an array, or the
/// root. Lets a modifier replace or remove the element where it stands, so field order is kept.
/// </summary>
internal readonly struct ElementRef
{
    private readonly int index;

    private ElementRef(BsonValue container, string? name, int index)
    {
        Container = container;
        Name = name;
        this.index = index;
    }

    /// <summary>The document or array holding the element (the document itself for the root).</summary>
    public BsonValue Container { get; }

    /// <summary>The field name or array index; <c>null</c> for the root.</summary>
    public string? Name { get; }

    public bool IsRoot => Name is null;

    public bool IsArrayElement => Container is BsonArray && !IsRoot;

    public BsonValue Value => IsRoot ? Container : Container is BsonArray array ? array[index] : Container.AsBsonDocument[Name!];

    public static ElementRef Root(BsonDocument document) => new(document, null, -1);

    /// <summary>The existing child <paramref name="field"/> of <paramref name="value"/>, if any (numeric fields index arrays).</summary>
    public static bool TryGetChild(BsonValue value, string field, out ElementRef child)
    {
        if (value is BsonDocument document && document.Contains(field))
        {
            child = new ElementRef(document, field, -1);
            return true;
        }

        if (value is BsonArray array && TryParseIndex(field, out int position) && position < array.Count)
        {
            child = new ElementRef(array, field, position);
            return true;
        }

        child = default;
        return false;
    }

    /// <summary>MongoDB reads a path component made only of digits as an array index.</summary>
    public static bool TryParseIndex(string field, out int position)
    {
        position = 0;
        if (field.Length == 0 || field.Length > 9)
        {
            return false;
        }

        foreach (char c in field)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            position = (position * 10) + (c - '0');
        }

        return true;
    }

    public void Set(BsonValue value)
    {
        if (Container is BsonArray array)
        {
            array[index] = value;
        }
        else
        {
            Container.AsBsonDocument[Name!] = value;
        }
    }

    /// <summary>Removes a field; an array element becomes null instead, as <c>$unset</c> does.</summary>
    public void Remove()
    {
        if (Container is BsonArray array)
        {
            array[index] = BsonNull.Value;
        }
        else
        {
            Container.AsBsonDocument.Remove(Name!);
        }
    }

    /// <summary><c>a: 1</c>, as the element appears in MongoDB's messages.</summary>
    public string Describe() => IsRoot ? UpdateMessages.Value(Container) : UpdateMessages.Element(Name!, Value);
}
