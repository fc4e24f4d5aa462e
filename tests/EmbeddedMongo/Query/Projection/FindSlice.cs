using MongoDB.Bson;

namespace EmbeddedMongo.Query.Projection;

/// <summary>A find <c>$slice: n</c> or <c>$slice: [skip, n]</c> applied to the projected document at a path.</summary>
internal sealed class FindSlice
{
    private readonly string[] path;
    private readonly int? skip;
    private readonly int limit;

    public FindSlice(string[] path, int? skip, int limit)
    {
        this.path = path;
        this.skip = skip;
        this.limit = limit;
    }

    public BsonDocument Apply(BsonDocument document) => Apply(document, 0);

    private BsonDocument Apply(BsonDocument document, int index)
    {
        if (!document.TryGetValue(path[index], out BsonValue value))
        {
            return document;
        }

        bool last = index == path.Length - 1;
        BsonValue sliced = value switch
        {
            BsonArray array when last => Slice(array),
            BsonArray array => new BsonArray(array.Select(element => element is BsonDocument inner ? Apply(inner, index + 1) : element)),
            BsonDocument inner when !last => Apply(inner, index + 1),
            _ => value,
        };

        var output = new BsonDocument(document.Elements);
        output.Set(path[index], sliced);
        return output;
    }

    private BsonArray Slice(BsonArray array)
    {
        long length = array.Count, start, count;
        if (skip is null)
        {
            start = limit < 0 ? Math.Max(0, length + limit) : 0;
            count = limit < 0 ? length - start : Math.Min(length, limit);
        }
        else
        {
            start = skip < 0 ? Math.Max(0, length + skip.Value) : Math.Min(length, skip.Value);
            count = Math.Min(length - start, limit);
        }

        return new BsonArray(array.Skip((int)start).Take((int)count));
    }
}
