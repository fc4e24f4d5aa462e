using EmbeddedMongo.Aggregation.Expressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Stages;

/// <summary>
/// <c>$unwind</c>: one document per array element. A non-array value passes through as is; null, missing and empty
/// arrays are dropped unless <c>preserveNullAndEmptyArrays</c> (an empty array then loses its field).
/// </summary>
internal sealed class UnwindStage : PipelineStage
{
    private readonly string[] path;
    private readonly string[]? indexPath;
    private readonly bool preserveNullAndEmptyArrays;

    private UnwindStage(string[] path, string[]? indexPath, bool preserveNullAndEmptyArrays)
    {
        this.path = path;
        this.indexPath = indexPath;
        this.preserveNullAndEmptyArrays = preserveNullAndEmptyArrays;
    }

    public static UnwindStage Parse(BsonValue specification)
    {
        string? prefixedPath = null;
        string? index = null;
        bool preserve = false;
        if (specification.IsString)
        {
            prefixedPath = specification.AsString;
        }
        else if (specification.IsBsonDocument)
        {
            foreach (BsonElement option in specification.AsBsonDocument)
            {
                switch (option.Name)
                {
                    case "path":
                        prefixedPath = option.Value.IsString
                            ? option.Value.AsString
                            : throw AggregationErrors.Fail(28808, $"expected a string as the path for $unwind stage, got {AggregationErrors.TypeName(option.Value)}");
                        break;
                    case "preserveNullAndEmptyArrays":
                        preserve = option.Value.IsBoolean
                            ? option.Value.AsBoolean
                            : throw AggregationErrors.Fail(28809, $"expected a boolean for the preserveNullAndEmptyArrays option to $unwind stage, got {AggregationErrors.TypeName(option.Value)}");
                        break;
                    case "includeArrayIndex":
                        index = option.Value is BsonString { Value.Length: > 0 } name
                            ? name.Value
                            : throw AggregationErrors.Fail(28810, $"expected a non-empty string for the includeArrayIndex  option to $unwind stage, got {AggregationErrors.TypeName(option.Value)}");
                        if (index.StartsWith('$'))
                        {
                            throw AggregationErrors.Fail(28822, $"includeArrayIndex option to $unwind stage should not be prefixed with a '$': {index}");
                        }

                        break;
                    default:
                        throw AggregationErrors.Fail(28811, $"unrecognized option to $unwind stage: {option.Name}");
                }
            }
        }
        else
        {
            throw AggregationErrors.Fail(15981, $"expected either a string or an object as specification for $unwind stage, got {AggregationErrors.TypeName(specification)}");
        }

        if (string.IsNullOrEmpty(prefixedPath))
        {
            throw AggregationErrors.Fail(28812, "no path specified to $unwind stage");
        }

        if (prefixedPath[0] != '$')
        {
            throw AggregationErrors.Fail(28818, $"path option to $unwind stage should be prefixed with a '$': {prefixedPath}");
        }

        return new UnwindStage(FieldPaths.Parse(prefixedPath[1..]), index is null ? null : FieldPaths.Parse(index), preserve);
    }

    public override IEnumerable<BsonDocument> Execute(IEnumerable<BsonDocument> input, IAggregationSource source)
    {
        foreach (BsonDocument document in input)
        {
            BsonValue? value = NestedFields.Get(document, path);
            if (value is BsonArray array)
            {
                if (array.Count == 0)
                {
                    if (preserveNullAndEmptyArrays)
                    {
                        yield return WithIndex(NestedFields.With(document, path, null), null);
                    }

                    continue;
                }

                for (int i = 0; i < array.Count; i++)
                {
                    yield return WithIndex(NestedFields.With(document, path, array[i]), i);
                }
            }
            else if (AggregationValues.IsNullish(value))
            {
                if (preserveNullAndEmptyArrays)
                {
                    yield return WithIndex(document, null);
                }
            }
            else
            {
                yield return WithIndex(document, null);
            }
        }
    }

    private BsonDocument WithIndex(BsonDocument document, long? index) =>
        indexPath is null ? document : NestedFields.With(document, indexPath, index is long i ? new BsonInt64(i) : BsonNull.Value);
}
