using MongoDB.Bson;

namespace EmbeddedMongo.Query.Filtering;

/// <summary><c>$exists: true</c> on one value (<c>$exists: false</c> is its negation over the whole path).</summary>
internal sealed class ExistsPredicate : ValuePredicate
{
    public static readonly ExistsPredicate Instance = new();

    private ExistsPredicate()
    {
    }

    public override bool Matches(BsonValue? value) => value is not null;
}
