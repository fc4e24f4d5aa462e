using MongoDB.Bson;
using ZeroDowntime.Migrations.Interception.Rewriting;

namespace ZeroDowntime.Migrations.Tests.Interception.Rewriting;

/// <summary>A hand-made <see cref="IFieldMigration"/> for the rewriters, which only read its paths and conversions.</summary>
internal sealed class TestMigration : IFieldMigration
{
    private readonly Func<BsonValue, BsonValue>? forward;
    private readonly Func<BsonValue, BsonValue>? backward;

    private TestMigration(string id, string oldPath, string newPath, FieldMigrationKind kind,
        Func<BsonValue, BsonValue>? forward, Func<BsonValue, BsonValue>? backward, BsonValue? forwardExpression)
    {
        Id = id;
        OldPath = oldPath;
        NewPath = newPath;
        Kind = kind;
        this.forward = forward;
        this.backward = backward;
        ForwardExpression = forwardExpression;
    }

    public string Id { get; }

    public Type DocumentType => typeof(BsonDocument);

    public string CollectionName => "users";

    public string OldPath { get; }

    public string NewPath { get; }

    public FieldMigrationKind Kind { get; }

    public bool HasBackward => Kind == FieldMigrationKind.Rename || backward is not null;

    public BsonValue? ForwardExpression { get; }

    public Type? ResolverType => Kind == FieldMigrationKind.Derive ? typeof(object) : null;

    public string? NewFieldIndexName => null;

    /// <summary>fullName → displayName.</summary>
    public static TestMigration Rename(string oldPath = "fullName", string newPath = "displayName") =>
        new("rename-" + newPath, oldPath, newPath, FieldMigrationKind.Rename, null, null, "$$old");

    /// <summary>Prices in units → cents: numbers times 100, anything else unchanged; no backward.</summary>
    public static TestMigration Cents(string oldPath = "price", string newPath = "cents", bool withExpression = true, bool withBackward = false) =>
        new("cents-" + newPath, oldPath, newPath, FieldMigrationKind.Convert, TimesHundred, withBackward ? DividedByHundred : null,
            withExpression ? ForwardCents : null);

    /// <summary>ageText (string) → age (int) through delegates only.</summary>
    public static TestMigration ParseInt(bool withBackward = true) =>
        new("parse-age", "ageText", "age", FieldMigrationKind.Convert,
            v => v.IsString && int.TryParse(v.AsString, System.Globalization.CultureInfo.InvariantCulture, out int i) ? i : v,
            withBackward ? v => v.IsInt32 ? v.AsInt32.ToString(System.Globalization.CultureInfo.InvariantCulture) : v : null,
            null);

    /// <summary>{$cond: [&lt;old is a number&gt;, {$multiply: ["$$old", 100]}, "$$old"]}.</summary>
    public static readonly BsonDocument ForwardCents = BsonDocument.Parse(
        "{$cond: [{$in: [{$type: '$$old'}, ['double', 'int', 'long', 'decimal']]}, {$multiply: ['$$old', 100]}, '$$old']}");

    public static TestMigration Derive() =>
        new("derive-owner", "ownerId", "ownerName", FieldMigrationKind.Derive, null, null, null);

    public ActiveMigration In(MigrationPhase phase) => new(this, phase);

    public BsonValue Forward(BsonValue oldValue) => Kind switch
    {
        FieldMigrationKind.Rename => oldValue,
        _ => forward?.Invoke(oldValue) ?? throw new InvalidOperationException("no forward"),
    };

    public BsonValue Backward(BsonValue newValue) => Kind switch
    {
        FieldMigrationKind.Rename => newValue,
        _ => backward?.Invoke(newValue) ?? throw new InvalidOperationException("no backward"),
    };

    /// <summary>The server's <c>$multiply</c> by 100: int stays int unless it overflows into long.</summary>
    public static BsonValue TimesHundred(BsonValue v) => v switch
    {
        BsonInt32 i => (long)i.Value * 100 is var l && l is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)l) : new BsonInt64(l),
        BsonInt64 l => new BsonInt64(l.Value * 100),
        BsonDouble d => new BsonDouble(d.Value * 100),
        BsonDecimal128 m => new BsonDecimal128(Decimal128.ToDecimal(m.Value) * 100),
        _ => v,
    };

    private static BsonValue DividedByHundred(BsonValue v) => v switch
    {
        BsonInt32 i => new BsonInt32(i.Value / 100),
        BsonInt64 l => new BsonInt64(l.Value / 100),
        BsonDouble d => new BsonDouble(d.Value / 100),
        _ => v,
    };
}
