using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>A leaf of the update tree: one operator applied at one path.</summary>
internal abstract class ModifierNode : UpdateNode
{
    /// <summary>Whether a missing path is created ($set, $inc, $push) or left alone ($unset, $pull, $pop).</summary>
    protected virtual bool AllowCreation => true;

    /// <summary>Whether a path that could never exist (through a scalar) is silently ignored rather than an error.</summary>
    protected virtual bool AllowNonViablePath => false;

    /// <summary>Whether the modifier only applies when the update inserts a document ($setOnInsert).</summary>
    protected virtual bool InsertOnly => false;

    public sealed override void Apply(ApplyContext context, ElementRef element, IReadOnlyList<string> pathTaken, IReadOnlyList<string> pathToCreate)
    {
        if (InsertOnly && !context.IsUpsertInsert)
        {
            return;
        }

        context.NoteWrite(UpdatePath.Join(pathTaken, pathToCreate));
        if (pathToCreate.Count == 0)
        {
            UpdateExisting(context, element, pathTaken);
        }
        else if (AllowCreation)
        {
            PathCreation.Create(element, pathToCreate, ValueForNewElement());
        }
        else if (!AllowNonViablePath)
        {
            PathCreation.CheckViability(element, pathTaken, pathToCreate);
        }
    }

    /// <summary>Updates the element at <paramref name="path"/>, which exists.</summary>
    protected abstract void UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> path);

    /// <summary>The value a created element gets.</summary>
    protected virtual BsonValue ValueForNewElement() => throw new InvalidOperationException("This modifier does not create elements.");
}
