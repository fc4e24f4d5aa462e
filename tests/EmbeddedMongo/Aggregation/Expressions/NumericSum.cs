using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation.Expressions;

/// <summary>
/// An exact running sum of numbers with MongoDB's result type (int → long → double, or decimal), shared by
/// <c>$sum</c>, <c>$avg</c> and <c>$add</c>.
/// </summary>
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

    /// <summary>Adds a date's milliseconds for <c>$add</c>: counted in the sum without widening its result type.</summary>
    public void AddMilliseconds(long milliseconds) => integral += milliseconds;

    /// <summary>The sum as a long when no double or decimal took part and it fits; otherwise null.</summary>
    public long? ExactInteger() =>
        width < NumberValues.DoubleWidth && integral >= long.MinValue && integral <= long.MaxValue ? (long)integral : null;

    public BsonValue Total() => width switch
    {
        NumberValues.DecimalWidth => NumberValues.FromDecimal(DecimalTotal()),
        NumberValues.DoubleWidth => new BsonDouble(DoubleTotal()),
        _ => NumberValues.FromInteger(integral, width),
    };

    public double DoubleTotal() => (double)integral + doubles;

    public decimal DecimalTotal() => decimals + (decimal)integral + (decimal)doubles;
}
