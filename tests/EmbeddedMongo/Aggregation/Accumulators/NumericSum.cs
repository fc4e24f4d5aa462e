using EmbeddedMongo.Aggregation.Expressions;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Accumulators;

/// <summary>An exact running sum of numbers with MongoDB's result type (int → long → double, or decimal).</summary>
internal sealed class NumericSum
{
    private Int128 integral;
    private double doubles;
    private decimal decimals;
    private int width = NumberValues.IntWidth;

    public long Count { get; private set; }

    public bool HasDecimal => width == NumberValues.DecimalWidth;

    /// <summary>Adds a value; anything but a number is ignored, as <c>$sum</c> and <c>$avg</c> do.</summary>
    public void Add(BsonValue? value)
    {
        if (!NumberValues.IsNumber(value))
        {
            return;
        }

        Count++;
        switch (value!.BsonType)
        {
            case BsonType.Int32:
                integral += value.AsInt32;
                break;
            case BsonType.Int64:
                integral += value.AsInt64;
                width = Math.Max(width, NumberValues.LongWidth);
                break;
            case BsonType.Double:
                doubles += value.AsDouble;
                width = Math.Max(width, NumberValues.DoubleWidth);
                break;
            default:
                decimals += NumberValues.ToDecimal(value);
                width = NumberValues.DecimalWidth;
                break;
        }
    }

    public BsonValue Total() => width switch
    {
        NumberValues.DecimalWidth => NumberValues.FromDecimal(DecimalTotal()),
        NumberValues.DoubleWidth => new BsonDouble(DoubleTotal()),
        _ => NumberValues.FromInteger(integral, width),
    };

    public double DoubleTotal() => (double)integral + doubles;

    public decimal DecimalTotal() => decimals + (decimal)integral + (decimal)doubles;
}
