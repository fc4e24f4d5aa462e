using MongoDB.Bson;

namespace EmbeddedMongo.Query.Sorting;

/// <summary>One key of a sort specification: a dotted path and a direction.</summary>
internal sealed class SortField
{
    public SortField(string name, string[] path, bool ascending)
    {
        Name = name;
        Path = path;
        Ascending = ascending;
    }

    public string Name { get; }

    public string[] Path { get; }

    public bool Ascending { get; }

    public BsonValue KeyOf(BsonDocument document) => SortKeys.Extract(document, Path, Ascending);
}
