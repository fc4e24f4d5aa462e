using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>Creates the missing part of a path (embedded documents, array padding), as MongoDB's createPathAt does.</summary>
internal static class PathCreation
{
    /// <summary>MongoDB refuses to pad an array by more than this many nulls.</summary>
    private const int MaxPadding = 1_500_000;

    /// <summary>
    /// Creates <paramref name="pathToCreate"/> under the existing <paramref name="element"/> and puts
    /// <paramref name="value"/> at its end. New fields are appended; an array is padded with nulls up to the index.
    /// </summary>
    public static void Create(ElementRef element, IReadOnlyList<string> pathToCreate, BsonValue value)
    {
        BsonValue container = element.Value;
        string first = pathToCreate[0];
        BsonValue leaf = value;
        for (int i = pathToCreate.Count - 1; i >= 1; i--)
        {
            leaf = new BsonDocument(pathToCreate[i], leaf);
        }

        if (container is BsonDocument document)
        {
            // MongoDB 5+ stores $-prefixed names below the top level, never as a top-level field.
            if (element.IsRoot && first.StartsWith('$'))
            {
                throw new MongoCommandException(
                    ErrorCode.DollarPrefixedFieldName, $"The dollar ($) prefixed field '{first}' in '{first}' is not valid for storage.");
            }

            document.Add(first, leaf);
        }
        else if (container is BsonArray array && ElementRef.TryParseIndex(first, out int position))
        {
            if (position - array.Count > MaxPadding)
            {
                throw new MongoCommandException((ErrorCode)10, $"can't backfill more than {MaxPadding} elements");
            }

            while (array.Count < position)
            {
                array.Add(BsonNull.Value);
            }

            array.Add(leaf);
        }
        else
        {
            throw new MongoCommandException(ErrorCode.PathNotViable, $"Cannot create field '{first}' in element {{{element.Describe()}}}");
        }
    }

    /// <summary>
    /// For modifiers that do nothing on a missing path ($pull, $pop, ...): still an error when the path could never
    /// exist, because it goes through a scalar or names a field of an array.
    /// </summary>
    public static void CheckViability(ElementRef element, IReadOnlyList<string> pathTaken, IReadOnlyList<string> pathToCreate)
    {
        BsonValue value = element.Value;
        if (value is BsonDocument || (value is BsonArray && ElementRef.TryParseIndex(pathToCreate[0], out _)))
        {
            return;
        }

        throw new MongoCommandException(
            ErrorCode.PathNotViable,
            $"Cannot use the part ({pathToCreate[0]}) of ({UpdatePath.Join(pathTaken, pathToCreate)}) to traverse the element ({{{element.Describe()}}})");
    }
}
