using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary><c>$push</c>, with the <c>$each</c>, <c>$position</c>, <c>$sort</c> and <c>$slice</c> clauses.</summary>
internal sealed class PushNode : ModifierNode
{
    private static readonly HashSet<string> Clauses = new(StringComparer.Ordinal) { "$each", "$slice", "$sort", "$position" };

    private readonly List<BsonValue> values = [];
    private readonly long position = long.MaxValue;
    private readonly long? slice;
    private readonly PushSortOrder? sort;

    public PushNode(BsonValue argument)
    {
        if (argument is not BsonDocument modifiers || !modifiers.Contains("$each"))
        {
            values.Add(argument);
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (BsonElement clause in modifiers)
        {
            if (!Clauses.Contains(clause.Name))
            {
                throw MongoCommandException.BadValue($"Unrecognized clause in $push: {clause.Name}");
            }

            if (!seen.Add(clause.Name))
            {
                throw MongoCommandException.BadValue($"Only one {clause.Name} is supported.");
            }
        }

        if (modifiers["$each"] is not BsonArray each)
        {
            throw MongoCommandException.BadValue(
                $"The argument to $each in $push must be an array but it was of type: {UpdateMessages.TypeName(modifiers["$each"])}");
        }

        values.AddRange(each);
        if (modifiers.TryGetValue("$slice", out BsonValue sliceValue))
        {
            slice = IntegerArgument.TryRead(sliceValue, out long count) ? count : throw MongoCommandException.BadValue(
                $"The value for $slice must be an integer value but was given type: {UpdateMessages.TypeName(sliceValue)}");
        }

        if (modifiers.TryGetValue("$sort", out BsonValue sortValue))
        {
            sort = new PushSortOrder(sortValue);
        }

        if (modifiers.TryGetValue("$position", out BsonValue positionValue))
        {
            position = IntegerArgument.TryRead(positionValue, out long index) ? index : throw MongoCommandException.BadValue(
                $"The value for $position must be an integer value, not of type: {UpdateMessages.TypeName(positionValue)}");
        }
    }

    protected override void UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> path)
    {
        if (element.Value is not BsonArray array)
        {
            throw MongoCommandException.BadValue(
                $"The field '{UpdatePath.Join(path)}' must be an array but is of type {UpdateMessages.TypeName(element.Value)} in document {{{UpdateMessages.Id(context.Document)}}}");
        }

        Push(array);
    }

    protected override BsonValue ValueForNewElement()
    {
        var array = new BsonArray();
        Push(array);
        return array;
    }

    private void Push(BsonArray array)
    {
        long count = array.Count;
        int insertAt = count == 0 || position > count ? (int)count
            : position > 0 ? (int)position
            : position < 0 && -position < count ? (int)(count + position)
            : 0;
        for (int i = 0; i < values.Count; i++)
        {
            array.Insert(insertAt + i, values[i].DeepClone());
        }

        if (sort is not null)
        {
            List<BsonValue> sorted = [.. array.OrderBy(item => item, sort)];
            array.Clear();
            array.AddRange(sorted);
        }

        if (slice is long limit)
        {
            long keep = limit == long.MinValue ? long.MaxValue : Math.Abs(limit);
            while (array.Count > keep)
            {
                array.RemoveAt(limit >= 0 ? array.Count - 1 : 0);
            }
        }
    }
}
