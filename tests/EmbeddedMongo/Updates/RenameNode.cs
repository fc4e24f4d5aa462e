using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>
/// <c>$rename</c>, placed in the tree at the target path: a $set of the target with the source's value (so a new
/// target is appended) followed by an $unset of the source. Neither path may go through an array.
/// </summary>
internal sealed class RenameNode : UpdateNode
{
    private readonly string source;
    private readonly string target;
    private readonly string[] sourceParts;

    public RenameNode(string source, string target)
    {
        this.source = source;
        this.target = target;
        sourceParts = source.Split('.');
        string[] targetParts = target.Split('.');
        string argument = UpdateMessages.Element(source, target);
        if (source == target)
        {
            throw MongoCommandException.BadValue($"The source and target field for $rename must differ: {argument}");
        }

        if (target.StartsWith(source + ".", StringComparison.Ordinal) || source.StartsWith(target + ".", StringComparison.Ordinal))
        {
            throw MongoCommandException.BadValue($"The source and target field for $rename must not be on the same path: {argument}");
        }

        if (Array.Exists(sourceParts, part => UpdatePath.IsArrayFilterPart(part) || UpdatePath.IsPositionalPart(part)))
        {
            throw MongoCommandException.BadValue($"The source field for $rename may not be dynamic: {source}");
        }

        if (Array.Exists(targetParts, part => UpdatePath.IsArrayFilterPart(part) || UpdatePath.IsPositionalPart(part)))
        {
            throw MongoCommandException.BadValue($"The destination field for $rename may not be dynamic: {target}");
        }
    }

    public override void Apply(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken, IReadOnlyList<string> pathToCreate)
    {
        if (FindSource(context) is not ElementRef from)
        {
            return;
        }

        context.NoteWrite(source);
        context.NoteWrite(target);

        // The destination's existing ancestors (and the deepest existing element, when the rest must be created).
        int checkedLevels = pathToCreate.Count == 0 ? pathTaken.Count - 1 : pathTaken.Count;
        BsonValue current = context.Document;
        string? arrayField = null;
        for (int i = 0; i < checkedLevels; i++)
        {
            ElementRef.TryGetChild(current, pathTaken[i], out ElementRef next);
            current = next.Value;
            arrayField = current is BsonArray ? pathTaken[i] : arrayField;
        }

        if (arrayField is not null)
        {
            throw MongoCommandException.BadValue(
                $"The destination field cannot be an array element, '{target}' in doc with {UpdateMessages.Id(context.Document)} has an array field called '{arrayField}'");
        }

        BsonValue value = from.Value.DeepClone();
        if (pathToCreate.Count == 0)
        {
            element.Set(value);
        }
        else
        {
            PathCreation.Create(element, pathToCreate, value);
        }

        from.Remove();
    }

    private ElementRef? FindSource(ApplyContext context)
    {
        ElementRef current = ElementRef.Root(context.Document);
        string? arrayField = null;
        for (int i = 0; i < sourceParts.Length; i++)
        {
            BsonValue value = current.Value;
            bool viable = value is BsonDocument || (value is BsonArray && ElementRef.TryParseIndex(sourceParts[i], out _));
            if (!viable)
            {
                throw new MongoCommandException(
                    ErrorCode.PathNotViable,
                    $"cannot use the part ({sourceParts[i - 1]} of {source}) to traverse the element ({{{current.Describe()}}})");
            }

            if (value is BsonArray)
            {
                arrayField = sourceParts[i - 1];
            }

            if (!ElementRef.TryGetChild(value, sourceParts[i], out current))
            {
                return null;
            }
        }

        if (arrayField is not null)
        {
            throw MongoCommandException.BadValue(
                $"The source field cannot be an array element, '{source}' in doc with {UpdateMessages.Id(context.Document)} has an array field called '{arrayField}'");
        }

        return current;
    }
}
