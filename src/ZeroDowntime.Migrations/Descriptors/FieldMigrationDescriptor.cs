using MongoDB.Bson;

namespace ZeroDowntime.Migrations;

/// <summary>A validated, immutable field migration built from a <see cref="FieldMigrationBuilder{TDocument}"/>.</summary>
internal sealed class FieldMigrationDescriptor<TDocument> : IFieldMigration<TDocument>
{
    private readonly Func<BsonValue, BsonValue>? forward;
    private readonly Func<BsonValue, BsonValue>? backward;

    private FieldMigrationDescriptor(FieldMigrationBuilder<TDocument> builder, string newPath)
    {
        Id = builder.Id;
        CollectionName = builder.CollectionName!;
        OldPath = builder.OldPath!;
        NewPath = newPath;
        Kind = builder.Kind!.Value;
        forward = builder.ForwardConversion;
        backward = builder.BackwardConversion;
        ForwardExpression = Kind == FieldMigrationKind.Rename ? ForwardExpressions.OldValueVariable : builder.ForwardExpression;
        ResolverType = builder.ResolverType;
        NewFieldIndexName = builder.WantsIndex ? builder.IndexName ?? "zdm_" + newPath : null;
    }

    public string Id { get; }

    public Type DocumentType => typeof(TDocument);

    public string CollectionName { get; }

    public string OldPath { get; }

    public string NewPath { get; }

    public FieldMigrationKind Kind { get; }

    public bool HasBackward => Kind == FieldMigrationKind.Rename || backward is not null;

    public BsonValue? ForwardExpression { get; }

    public Type? ResolverType { get; }

    public string? NewFieldIndexName { get; }

    /// <summary>Validates a builder and creates the descriptor; every broken rule names the migration.</summary>
    public static FieldMigrationDescriptor<TDocument> Create(FieldMigrationBuilder<TDocument> builder)
    {
        string newPath = DescriptorValidator.Validate(builder);
        return new FieldMigrationDescriptor<TDocument>(builder, newPath);
    }

    public BsonValue Forward(BsonValue oldValue) => Kind switch
    {
        FieldMigrationKind.Rename => oldValue,
        FieldMigrationKind.Convert => forward!(oldValue),
        _ => throw new InvalidOperationException($"Migration '{Id}' derives its value with {ResolverType?.Name}; it has no per-value forward conversion."),
    };

    public BsonValue Backward(BsonValue newValue) => Kind switch
    {
        FieldMigrationKind.Rename => newValue,
        FieldMigrationKind.Convert when backward is not null => backward(newValue),
        _ => throw new InvalidOperationException($"Migration '{Id}' has no backward conversion."),
    };

    public override string ToString() => $"{Id} ({Kind} {CollectionName}.{OldPath} -> {NewPath})";
}
