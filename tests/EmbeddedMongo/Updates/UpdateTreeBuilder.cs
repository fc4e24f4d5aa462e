using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>
/// Builds the update tree from the fields of an operator document, as MongoDB's parseAndMerge: one path per
/// modifier, and a path that equals or is a prefix of another is a conflict.
/// </summary>
internal sealed class UpdateTreeBuilder(ArrayFilterSet arrayFilters)
{
    public ObjectUpdateNode Root { get; } = new();

    /// <summary>The array-filter identifiers some path used (every filter must be used).</summary>
    public HashSet<string> UsedIdentifiers { get; } = new(StringComparer.Ordinal);

    public void Add(string operatorName, BsonElement field)
    {
        if (operatorName == "$rename")
        {
            AddRename(field);
            return;
        }

        CheckUpdatable(field.Name);
        Insert(field.Name, CreateModifier(operatorName, field));
    }

    private static UpdateNode CreateModifier(string operatorName, BsonElement field) => operatorName switch
    {
        "$set" => new SetNode(field.Value, insertOnly: false),
        "$setOnInsert" => new SetNode(field.Value, insertOnly: true),
        "$unset" => new UnsetNode(),
        "$inc" => new ArithmeticNode(field, isMultiply: false),
        "$mul" => new ArithmeticNode(field, isMultiply: true),
        "$min" => new CompareNode(field.Value, isMax: false),
        "$max" => new CompareNode(field.Value, isMax: true),
        "$currentDate" => new CurrentDateNode(field.Value),
        "$push" => new PushNode(field.Value),
        "$addToSet" => new AddToSetNode(field.Value),
        "$pull" => new PullNode(field.Value),
        "$pullAll" => new PullAllNode(field.Value),
        "$pop" => new PopNode(field),
        "$bit" => new BitNode(field.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(operatorName), operatorName, "Not an update operator."),
    };

    private static void CheckUpdatable(string path)
    {
        if (path.Length == 0)
        {
            throw new MongoCommandException(ErrorCode.EmptyFieldName, "An empty update path is not valid.");
        }

        string[] parts = path.Split('.');
        if (Array.Exists(parts, part => part.Length == 0))
        {
            throw new MongoCommandException(
                ErrorCode.EmptyFieldName, $"The update path '{path}' contains an empty field name, which is not allowed.");
        }

        if (Array.Exists(parts, UpdatePath.IsPositionalPart))
        {
            throw MongoCommandException.NotSupported("The positional operator '$'");
        }
    }

    // $rename puts a placeholder at the source (so nothing else may touch it) and the rename itself at the target.
    private void AddRename(BsonElement field)
    {
        CheckUpdatable(field.Name);
        Insert(field.Name, new ConflictPlaceholderNode());
        if (!field.Value.IsString)
        {
            throw MongoCommandException.BadValue($"The 'to' field for $rename must be a string: {UpdateMessages.Element(field.Name, field.Value)}");
        }

        string target = field.Value.AsString;
        CheckUpdatable(target);
        Insert(target, new RenameNode(field.Name, target));
    }

    private void Insert(string path, UpdateNode leaf)
    {
        string[] parts = path.Split('.');
        InternalUpdateNode current = Root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            string name = ChildName(parts, i, path);
            bool childIsArrayNode = UpdatePath.IsArrayFilterPart(parts[i + 1]);
            UpdateNode? child = current.GetChild(name);
            if (child is null)
            {
                child = childIsArrayNode ? new ArrayUpdateNode() : new ObjectUpdateNode();
                current.SetChild(name, child);
            }
            else if (childIsArrayNode ? child is not ArrayUpdateNode : child is not ObjectUpdateNode)
            {
                throw Conflict(path, string.Join('.', parts, 0, i + 1));
            }

            current = (InternalUpdateNode)child;
        }

        string leafName = ChildName(parts, parts.Length - 1, path);
        if (current.GetChild(leafName) is not null)
        {
            throw Conflict(path, path);
        }

        current.SetChild(leafName, leaf);
    }

    // A field name, or for $[identifier] the identifier ("" for $[]), which must have an array filter.
    private string ChildName(string[] parts, int index, string path)
    {
        string part = parts[index];
        if (!UpdatePath.IsArrayFilterPart(part))
        {
            return part;
        }

        if (index == 0)
        {
            throw MongoCommandException.BadValue(
                $"Cannot have array filter identifier (i.e. '$[<id>]') element in the first position in path '{path}'");
        }

        string identifier = part[2..^1];
        if (identifier.Length > 0)
        {
            if (!arrayFilters.Contains(identifier))
            {
                throw MongoCommandException.BadValue($"No array filter found for identifier '{identifier}' in path '{path}'");
            }

            UsedIdentifiers.Add(identifier);
        }

        return identifier;
    }

    private static MongoCommandException Conflict(string path, string at) =>
        new(ErrorCode.ConflictingUpdateOperators, $"Updating the path '{path}' would create a conflict at '{at}'");
}
