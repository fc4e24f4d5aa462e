using EmbeddedMongo.Bson;
using EmbeddedMongo.Query;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>
/// <c>$pull</c>. A document condition whose first field is a query operator (<c>{$gt: 5}</c>) or a regex is
/// matched against each element wrapped in a document; any other document is a query on document elements;
/// anything else removes the elements equal to it.
/// </summary>
internal sealed class PullNode : ArrayCullingNode
{
    private const string WrapperField = "v";

    private static readonly HashSet<string> ElementOperators = new(StringComparer.Ordinal)
    {
        "$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$all", "$exists", "$type", "$mod", "$regex",
        "$options", "$elemMatch", "$size", "$not", "$bitsAllSet", "$bitsAllClear", "$bitsAnySet", "$bitsAnyClear",
        "$geoWithin", "$geoIntersects", "$near", "$nearSphere", "$within",
    };

    private readonly BsonValue condition;
    private readonly FilterMatcher? documentMatcher;
    private readonly FilterMatcher? wrappedMatcher;

    public PullNode(BsonValue argument)
    {
        condition = argument;
        if (argument is BsonDocument document && !(document.ElementCount > 0 && ElementOperators.Contains(document.GetElement(0).Name)))
        {
            documentMatcher = FilterMatcher.Parse(document);
        }
        else if (argument is BsonDocument or BsonRegularExpression)
        {
            wrappedMatcher = FilterMatcher.Parse(new BsonDocument(WrapperField, argument));
        }
    }

    protected override bool Removes(BsonValue element)
    {
        if (documentMatcher is not null)
        {
            return element is BsonDocument document && documentMatcher.Matches(document);
        }

        return wrappedMatcher is not null
            ? wrappedMatcher.Matches(new BsonDocument(WrapperField, element))
            : BsonOrder.Equal(element, condition);
    }
}
