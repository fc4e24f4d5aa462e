using EmbeddedMongo.Bson;
using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Storage;

/// <summary>One collection: documents ordered by <c>_id</c>, plus its index definitions. Callers hold the database lock.</summary>
internal sealed class CollectionStore
{
    private static readonly BsonDocument IdIndexKey = new("_id", 1);
    private readonly List<IndexDefinition> indexes = [];

    public CollectionStore(string name, BsonDocument options)
    {
        Name = name;
        Options = options;
        indexes.Add(new IndexDefinition(new BsonDocument { { "v", 2 }, { "key", IdIndexKey }, { "name", "_id_" } }));
    }

    public string Name { get; }

    public BsonDocument Options { get; }

    public IdIndex Documents { get; } = new();

    public IReadOnlyList<IndexDefinition> Indexes => indexes;

    public void Insert(string ns, BsonDocument document)
    {
        BsonValue id = document["_id"];
        if (!Documents.Add(document))
        {
            throw indexes[0].DuplicateKey(ns, [id]);
        }

        try
        {
            foreach (IndexDefinition index in indexes)
            {
                index.CheckKeys(ns, document, id);
            }
        }
        catch (MongoCommandException)
        {
            Documents.Remove(id); // one tree descent for the common case, undone only for a unique-index conflict
            throw;
        }

        foreach (IndexDefinition index in indexes)
        {
            index.Add(document);
        }
    }

    /// <summary>Stores a new version of <paramref name="before"/> (same <c>_id</c>), keeping unique indexes consistent.</summary>
    public void Replace(string ns, BsonDocument before, BsonDocument after)
    {
        BsonValue id = before["_id"];
        foreach (IndexDefinition index in indexes)
        {
            index.CheckKeys(ns, after, id);
        }

        foreach (IndexDefinition index in indexes)
        {
            index.Remove(before);
            index.Add(after);
        }

        Documents.Replace(after);
    }

    public void Delete(BsonDocument document)
    {
        foreach (IndexDefinition index in indexes)
        {
            index.Remove(document);
        }

        Documents.Remove(document["_id"]);
    }

    /// <summary>
    /// Creates the indexes of one <c>createIndexes</c> command, all or none; returns how many were new (an identical
    /// existing index is not an error).
    /// </summary>
    public int CreateIndexes(string ns, IEnumerable<BsonDocument> specifications)
    {
        int before = indexes.Count;
        try
        {
            foreach (BsonDocument specification in specifications)
            {
                CreateIndex(ns, specification);
            }
        }
        catch
        {
            indexes.RemoveRange(before, indexes.Count - before);
            throw;
        }

        return indexes.Count - before;
    }

    private void CreateIndex(string ns, BsonDocument specification)
    {
        // As MongoDB: an index is identified by its name, and by its signature (key, unique, sparse, partial filter).
        string name = specification["name"].AsString;
        foreach (IndexDefinition existing in indexes)
        {
            bool sameSignature = existing.HasSameSignature(specification);
            if (existing.Name == name)
            {
                if (!sameSignature)
                {
                    throw new MongoCommandException(ErrorCode.IndexKeySpecsConflict,
                        $"An existing index has the same name as the requested index. Requested index: {specification.ToJson()}, existing index: {existing.Specification.ToJson()}");
                }

                if (!existing.HasSameOptions(specification))
                {
                    throw new MongoCommandException(ErrorCode.IndexOptionsConflict,
                        $"An equivalent index already exists with the same name but different options. Requested index: {specification.ToJson()}, existing index: {existing.Specification.ToJson()}");
                }

                return;
            }

            if (sameSignature)
            {
                throw new MongoCommandException(ErrorCode.IndexOptionsConflict, $"Index already exists with a different name: {existing.Name}");
            }
        }

        var index = new IndexDefinition(specification);
        foreach (BsonDocument document in Documents.All())
        {
            index.CheckKeys(ns, document, document["_id"]);
            index.Add(document);
        }

        indexes.Add(index);
    }

    /// <summary>Drops indexes by name or key pattern, all or none; <c>"*"</c> drops all but <c>_id_</c>.</summary>
    public void DropIndexes(IList<BsonValue> targets)
    {
        if (targets is [{ IsString: true, AsString: "*" }])
        {
            indexes.RemoveRange(1, indexes.Count - 1);
            return;
        }

        List<IndexDefinition> found = targets.Select(FindIndexToDrop).ToList();
        indexes.RemoveAll(found.Contains);
    }

    private IndexDefinition FindIndexToDrop(BsonValue nameOrKey)
    {
        List<IndexDefinition> matches = nameOrKey.IsString
            ? indexes.FindAll(i => i.Name == nameOrKey.AsString)
            : nameOrKey.IsBsonDocument ? indexes.FindAll(i => BsonOrder.Equal(i.Key, nameOrKey)) : [];
        if (matches.Count > 1)
        {
            throw new MongoCommandException(ErrorCode.AmbiguousIndexKeyPattern,
                $"index keyPattern {nameOrKey.ToJson()} matches {matches.Count} indexes, must use index name. Conflicting indexes: {string.Join(", ", matches.Select(i => i.Name))}");
        }

        IndexDefinition? target = matches.FirstOrDefault();
        if (target is null)
        {
            throw new MongoCommandException(ErrorCode.IndexNotFound, $"index not found with name [{(nameOrKey.IsString ? nameOrKey.AsString : nameOrKey.ToJson())}]");
        }

        if (target == indexes[0])
        {
            throw new MongoCommandException(ErrorCode.InvalidOptions, "cannot drop _id index");
        }

        return target;
    }
}
