using MongoDB.Bson;

namespace ZeroDowntime.Migrations;

/// <summary>
/// One field change on one collection: where the value lives before (<see cref="OldPath"/>) and after
/// (<see cref="NewPath"/>), and how the new value follows from the old. Build one with
/// <see cref="FieldMigrationBuilder{TDocument}"/> (fluently in DI, or in a <see cref="FieldMigration{TDocument}"/> class).
/// </summary>
public interface IFieldMigration
{
    /// <summary>The stable id, e.g. <c>2025-11-user-displayname</c>; it keys the persisted state.</summary>
    string Id { get; }

    /// <summary>The document class the application reads and writes (the V2 model).</summary>
    Type DocumentType { get; }

    /// <summary>The collection the documents live in.</summary>
    string CollectionName { get; }

    /// <summary>The element path of the old value in stored documents (dotted for embedded fields).</summary>
    string OldPath { get; }

    /// <summary>The element path of the new field, as the document class maps it.</summary>
    string NewPath { get; }

    /// <summary>Rename, convert or derive.</summary>
    FieldMigrationKind Kind { get; }

    /// <summary>Whether <see cref="Backward"/> is available (always for a rename).</summary>
    bool HasBackward { get; }

    /// <summary>
    /// The aggregation expression computing the new value from the old one, with the old value written as
    /// <c>"$$old"</c>; <c>"$$old"</c> itself for a rename; null when the conversion cannot run on the server.
    /// </summary>
    BsonValue? ForwardExpression { get; }

    /// <summary>The type of the resolver of a derive migration (resolved from DI); null otherwise.</summary>
    Type? ResolverType { get; }

    /// <summary>The name of the index to create on the new field, or null when none is wanted.</summary>
    string? NewFieldIndexName { get; }

    /// <summary>Converts an old value into the new one (identity for a rename; not available for derive).</summary>
    BsonValue Forward(BsonValue oldValue);

    /// <summary>Converts a new value back into the old shape, for dual writes.</summary>
    BsonValue Backward(BsonValue newValue);
}

/// <summary>A field migration of documents of type <typeparamref name="TDocument"/>.</summary>
/// <typeparam name="TDocument">The document class the application reads and writes.</typeparam>
public interface IFieldMigration<TDocument> : IFieldMigration;
