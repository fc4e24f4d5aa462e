using EmbeddedMongo.Bson;
using EmbeddedMongo.Errors;
using EmbeddedMongo.Query;
using MongoDB.Bson;

namespace EmbeddedMongo.Storage;

/// <summary>
/// An index of a collection. Unique indexes refuse duplicates (E11000) and compound ones parallel arrays; beyond that
/// indexes are metadata for listIndexes, because EmbeddedMongo answers every query by scanning.
/// </summary>
internal sealed class IndexDefinition
{
    private readonly Dictionary<BsonValue, BsonValue>? entries;
    private readonly FilterMatcher? partialFilter;

    public IndexDefinition(BsonDocument specification)
    {
        Specification = specification;
        Name = specification["name"].AsString;
        Key = specification["key"].AsBsonDocument;
        Unique = specification.TryGetValue("unique", out BsonValue unique) && unique.ToBoolean();
        Sparse = specification.TryGetValue("sparse", out BsonValue sparse) && sparse.ToBoolean();
        if (specification.TryGetValue("partialFilterExpression", out BsonValue partial))
        {
            partialFilter = FilterMatcher.Parse(partial.AsBsonDocument);
        }

        if (Unique)
        {
            entries = new Dictionary<BsonValue, BsonValue>(BsonValueEquality.Instance);
        }
    }

    public string Name { get; }

    public BsonDocument Key { get; }

    public bool Unique { get; }

    public bool Sparse { get; }

    /// <summary>The document listIndexes returns.</summary>
    public BsonDocument Specification { get; }

    /// <summary>Whether <paramref name="specification"/> has this index's signature: key, unique, sparse and partial filter.</summary>
    public bool HasSameSignature(BsonDocument specification) =>
        BsonOrder.Equal(Key, specification["key"]) && BsonOrder.Equal(OptionsOf(Specification, signatureOnly: true), OptionsOf(specification, signatureOnly: true));

    /// <summary>Whether <paramref name="specification"/> asks for the same options (all but name, key and version) as this index.</summary>
    public bool HasSameOptions(BsonDocument specification) => BsonOrder.Equal(OptionsOf(Specification, signatureOnly: false), OptionsOf(specification, signatureOnly: false));

    /// <summary>
    /// Checks that <paramref name="document"/> can take its keys: no parallel arrays under a compound index and, for a
    /// unique index, no key held by a document other than the one whose <c>_id</c> is <paramref name="id"/>.
    /// </summary>
    public void CheckKeys(string ns, BsonDocument document, BsonValue id)
    {
        if (entries is null)
        {
            if (Key.ElementCount > 1)
            {
                _ = KeysOf(document); // a compound index refuses parallel arrays even when not unique
            }

            return;
        }

        foreach (BsonArray key in KeysOf(document))
        {
            if (entries.TryGetValue(key, out BsonValue? owner) && !BsonOrder.Equal(owner, id))
            {
                throw DuplicateKey(ns, key);
            }
        }
    }

    public void Add(BsonDocument document)
    {
        if (entries is null)
        {
            return;
        }

        BsonValue id = document["_id"];
        foreach (BsonArray key in KeysOf(document))
        {
            entries[key] = id;
        }
    }

    public void Remove(BsonDocument document)
    {
        if (entries is null)
        {
            return;
        }

        BsonValue id = document["_id"];
        foreach (BsonArray key in KeysOf(document))
        {
            if (entries.TryGetValue(key, out BsonValue? owner) && BsonOrder.Equal(owner, id))
            {
                entries.Remove(key);
            }
        }
    }

    public void Clear() => entries?.Clear();

    public MongoCommandException DuplicateKey(string ns, BsonArray key)
    {
        var keyValue = new BsonDocument();
        int i = 0;
        foreach (BsonElement field in Key)
        {
            keyValue[field.Name] = key[i++];
        }

        string shown = string.Join(", ", keyValue.Select(e => $"{e.Name}: {e.Value.ToJson()}"));
        return new DuplicateKeyException($"E11000 duplicate key error collection: {ns} index: {Name} dup key: {{ {shown} }}", Key, keyValue);
    }

    /// <summary>The index keys of a document: one per array element for a multikey field.</summary>
    private List<BsonArray> KeysOf(BsonDocument document)
    {
        if (partialFilter is not null && !partialFilter.Matches(document))
        {
            return [];
        }

        var perField = new List<List<BsonValue>>();
        bool anyPresent = false;
        foreach (BsonElement field in Key)
        {
            List<BsonValue> values = DocumentPath.Collect(document, field.Name);
            if (values.Count == 0)
            {
                bool hasEmptyArray = PathHoldsEmptyArray(document, field.Name);
                values.Add(hasEmptyArray ? BsonUndefined.Value : BsonNull.Value);
                anyPresent |= hasEmptyArray;
            }
            else
            {
                anyPresent = true;
            }

            perField.Add(values.Distinct(BsonValueEquality.Instance).ToList()!);
        }

        if (Sparse && !anyPresent)
        {
            return [];
        }

        if (perField.Count(v => v.Count > 1) > 1)
        {
            throw new MongoCommandException(ErrorCode.CannotIndexParallelArrays, $"cannot index parallel arrays in index {Name}");
        }

        var keys = new List<BsonArray> { new() };
        foreach (List<BsonValue> values in perField)
        {
            keys = keys.SelectMany(prefix => values.Select(v => new BsonArray(prefix) { v })).ToList();
        }

        return keys;
    }

    // Booleans compare by truth (unique: 1 is unique: true; sparse: false is no sparse), the rest as given, in name order.
    private static BsonDocument OptionsOf(BsonDocument specification, bool signatureOnly)
    {
        var options = new BsonDocument();
        foreach (BsonElement option in specification
            .Where(e => signatureOnly ? e.Name is "unique" or "sparse" or "partialFilterExpression" or "collation" : e.Name is not ("name" or "key" or "v" or "background"))
            .OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (option.Name is not ("unique" or "sparse" or "hidden"))
            {
                options.Add(option);
            }
            else if (option.Value.ToBoolean())
            {
                options.Add(option.Name, true);
            }
        }

        return options;
    }

    private static bool PathHoldsEmptyArray(BsonDocument document, string path)
    {
        int dot = path.LastIndexOf('.');
        string leaf = dot < 0 ? path : path[(dot + 1)..];
        IEnumerable<BsonValue> parents = dot < 0 ? [document] : DocumentPath.Collect(document, path[..dot]);
        return parents.Any(p => p.IsBsonDocument && p.AsBsonDocument.TryGetValue(leaf, out BsonValue v) && v.IsBsonArray && v.AsBsonArray.Count == 0);
    }
}
