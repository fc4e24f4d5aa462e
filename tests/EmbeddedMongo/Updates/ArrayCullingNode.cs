using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary>The shared part of <c>$pull</c> and <c>$pullAll</c>: removes the elements a rule selects.</summary>
internal abstract class ArrayCullingNode : ModifierNode
{
    protected override bool AllowCreation => false;

    protected override void UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> path)
    {
        if (element.Value is not BsonArray array)
        {
            throw MongoCommandException.BadValue("Cannot apply $pull to a non-array value");
        }

        for (int i = array.Count - 1; i >= 0; i--)
        {
            if (Removes(array[i]))
            {
                array.RemoveAt(i);
            }
        }
    }

    protected abstract bool Removes(BsonValue element);
}
