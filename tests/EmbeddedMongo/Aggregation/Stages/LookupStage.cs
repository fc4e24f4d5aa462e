using EmbeddedMongo.Bson;
using EmbeddedMongo.Storage;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Stages;

/// <summary>
/// <c>$lookup: {from, localField, foreignField, as}</c>: the foreign documents whose <c>foreignField</c> equals a value
/// at <c>localField</c> (an array matches by any element; missing matches null and missing), in their natural order.
/// </summary>
internal sealed class LookupStage : PipelineStage
{
    private readonly string from;
    private readonly string localField;
    private readonly string[] foreignPath;
    private readonly string[] asPath;

    private LookupStage(string from, string localField, string[] foreignPath, string[] asPath)
    {
        this.from = from;
        this.localField = localField;
        this.foreignPath = foreignPath;
        this.asPath = asPath;
    }

    public static LookupStage Parse(BsonValue specification)
    {
        if (!specification.IsBsonDocument)
        {
            throw AggregationErrors.Fail(9, $"the $lookup stage specification must be an object, but found {AggregationErrors.TypeName(specification)}");
        }

        string? from = null, local = null, foreign = null, output = null;
        foreach (BsonElement option in specification.AsBsonDocument)
        {
            switch (option.Name)
            {
                case "from":
                    from = option.Value.IsString ? option.Value.AsString : throw Errors.MongoCommandException.NotSupported("$lookup 'from' other than a collection name");
                    break;
                case "localField":
                    local = RequireString(option);
                    break;
                case "foreignField":
                    foreign = RequireString(option);
                    break;
                case "as":
                    output = RequireString(option);
                    break;
                case "pipeline":
                case "let":
                    throw Errors.MongoCommandException.NotSupported($"$lookup with '{option.Name}'");
                default:
                    throw AggregationErrors.Fail(9, $"unknown argument to $lookup: {option.Name}");
            }
        }

        if (string.IsNullOrEmpty(from))
        {
            throw AggregationErrors.Fail(9, "must specify 'from' field for a $lookup");
        }

        if (string.IsNullOrEmpty(output))
        {
            throw AggregationErrors.Fail(9, "must specify 'as' field for a $lookup");
        }

        if (local is null || foreign is null)
        {
            throw AggregationErrors.Fail(9, "$lookup requires either 'pipeline' or both 'localField' and 'foreignField' to be specified");
        }

        return new LookupStage(from, local, Expressions.FieldPaths.Parse(foreign), Expressions.FieldPaths.Parse(output));
    }

    public override IEnumerable<BsonDocument> Execute(IEnumerable<BsonDocument> input, IAggregationSource source)
    {
        List<BsonDocument>? foreignDocuments = null;
        Dictionary<BsonValue, List<int>>? index = null;
        foreach (BsonDocument document in input)
        {
            if (index is null)
            {
                foreignDocuments = source.ReadCollection(from).ToList();
                index = BuildIndex(foreignDocuments);
            }

            List<BsonValue> localValues = DocumentPath.Collect(document, localField);
            if (localValues.Count == 0)
            {
                localValues.Add(BsonNull.Value);
            }

            var matches = new SortedSet<int>();
            foreach (BsonValue value in localValues)
            {
                if (index.TryGetValue(value, out List<int>? positions))
                {
                    matches.UnionWith(positions);
                }
            }

            var joined = new BsonArray(matches.Select(position => foreignDocuments![position]));
            yield return NestedFields.With(document, asPath, joined);
        }
    }

    private static string RequireString(BsonElement option) =>
        option.Value.IsString
            ? option.Value.AsString
            : throw AggregationErrors.Fail(9, $"$lookup argument '{option.Name}: {option.Value}' must be a string, is type {AggregationErrors.TypeName(option.Value)}");

    // Every value an equality query on foreignField would match: leaf values, array elements, whole arrays, and null
    // for a branch where the field is missing.
    private Dictionary<BsonValue, List<int>> BuildIndex(List<BsonDocument> documents)
    {
        var index = new Dictionary<BsonValue, List<int>>(BsonValueEquality.Instance);
        for (int position = 0; position < documents.Count; position++)
        {
            var keys = new HashSet<BsonValue>(BsonValueEquality.Instance);
            CollectKeys(documents[position], 0, keys);
            foreach (BsonValue key in keys)
            {
                if (!index.TryGetValue(key, out List<int>? positions))
                {
                    positions = [];
                    index.Add(key, positions);
                }

                positions.Add(position);
            }
        }

        return index;
    }

    private void CollectKeys(BsonValue value, int depth, HashSet<BsonValue> keys)
    {
        if (depth == foreignPath.Length)
        {
            keys.Add(value);
            if (value is BsonArray leaf)
            {
                keys.UnionWith(leaf);
            }

            return;
        }

        switch (value)
        {
            case BsonDocument parent:
                if (parent.TryGetValue(foreignPath[depth], out BsonValue child))
                {
                    CollectKeys(child, depth + 1, keys);
                }
                else
                {
                    keys.Add(BsonNull.Value);
                }

                break;
            case BsonArray array:
                foreach (BsonValue element in array)
                {
                    if (element is BsonDocument)
                    {
                        CollectKeys(element, depth, keys);
                    }
                }

                break;
            default:
                keys.Add(BsonNull.Value);
                break;
        }
    }
}
