using EmbeddedMongo.Bson;
using MongoDB.Bson;

namespace EmbeddedMongo.Updates;

/// <summary><c>$min</c> and <c>$max</c>: replace the value when the operand sorts below (above) it in BSON order.</summary>
internal sealed class CompareNode(BsonValue operand, bool isMax) : ModifierNode
{
    protected override void UpdateExisting(ApplyContext context, ElementRef element, IReadOnlyList<string> path)
    {
        int comparison = BsonOrder.Compare(operand, element.Value);
        if (isMax ? comparison > 0 : comparison < 0)
        {
            element.Set(operand.DeepClone());
        }
    }

    protected override BsonValue ValueForNewElement() => operand.DeepClone();
}
