using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary><c>$currentDate</c>: <c>true</c> (or any boolean), <c>{$type: "date"}</c> or <c>{$type: "timestamp"}</c>.</summary>
internal sealed class CurrentDateNode : ModifierNode
{
    private readonly bool isDate;

    public CurrentDateNode(BsonValue argument)
    {
        if (argument.IsBoolean)
        {
            isDate = true;
            return;
        }

        if (argument is not BsonDocument options)
        {
            throw MongoCommandException.BadValue(
                $"{UpdateMessages.TypeName(argument)} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({{$type: 'timestamp/date'}}).");
        }

        bool found = false;
        foreach (BsonElement option in options)
        {
            if (option.Name != "$type")
            {
                throw MongoCommandException.BadValue($"Unrecognized $currentDate option: {option.Name}");
            }

            if (option.Value.IsString && option.Value.AsString is "date" or "timestamp")
            {
                isDate = option.Value.AsString == "date";
                found = true;
            }
        }

        if (!found)
        {
            throw MongoCommandException.BadValue(
                "The '$type' string field is required to be 'date' or 'timestamp': {$currentDate: {field : {$type: 'date'}}}");
        }
    }

    protected override void UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> path) =>
        element.Set(ValueForNewElement());

    protected override BsonValue ValueForNewElement() => isDate ? UpdateClock.Now() : UpdateClock.NextTimestamp();
}
