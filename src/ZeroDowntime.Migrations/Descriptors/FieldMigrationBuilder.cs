using System.Linq.Expressions;
using MongoDB.Bson;

namespace ZeroDowntime.Migrations;

/// <summary>
/// Describes one field migration of <typeparamref name="TDocument"/>: the collection, then exactly one of
/// <see cref="Rename"/>, <see cref="Convert"/> or <see cref="Derive{TResolver}"/>.
/// </summary>
/// <typeparam name="TDocument">The document class the application reads and writes (the V2 model).</typeparam>
public sealed class FieldMigrationBuilder<TDocument>
{
    internal FieldMigrationBuilder(string id) => Id = id;

    internal string Id { get; }

    internal string? CollectionName { get; private set; }

    internal FieldMigrationKind? Kind { get; private set; }

    internal int KindCount { get; private set; }

    internal string? OldPath { get; private set; }

    internal LambdaExpression? NewField { get; private set; }

    internal Func<BsonValue, BsonValue>? ForwardConversion { get; private set; }

    internal Func<BsonValue, BsonValue>? BackwardConversion { get; private set; }

    internal BsonValue? ForwardExpression { get; private set; }

    internal Type? ResolverType { get; private set; }

    internal string? IndexName { get; private set; }

    internal bool WantsIndex { get; private set; }

    /// <summary>The collection whose documents the migration changes.</summary>
    /// <param name="collectionName">The collection name.</param>
    /// <returns>This builder.</returns>
    public FieldMigrationBuilder<TDocument> InCollection(string collectionName)
    {
        CollectionName = collectionName;
        return this;
    }

    /// <summary>Moves the value of the element <paramref name="from"/> to the member <paramref name="to"/>, unchanged.</summary>
    /// <param name="from">The old element path in stored documents (dotted for embedded fields, e.g. <c>profile.name</c>).</param>
    /// <param name="to">The member of the V2 class that holds the value now.</param>
    /// <returns>This builder.</returns>
    public FieldMigrationBuilder<TDocument> Rename(string from, Expression<Func<TDocument, object?>> to) =>
        SetKind(FieldMigrationKind.Rename, from, to);

    /// <summary>Moves the value of <paramref name="from"/> to <paramref name="to"/> through a conversion.</summary>
    /// <param name="from">The old element path in stored documents.</param>
    /// <param name="to">The member of the V2 class that holds the converted value.</param>
    /// <param name="forward">Converts an old value into the new one.</param>
    /// <param name="backward">Converts a new value into the old shape, so dual writes keep the old field for V1 code.
    /// Without it, writes of the new field are refused until <see cref="MigrationPhase.Completed"/>.</param>
    /// <param name="forwardExpression">The same conversion as an aggregation expression over <c>"$$old"</c>, e.g.
    /// <c>{$toString: "$$old"}</c>; lets queries and the backfill run on the server.</param>
    /// <returns>This builder.</returns>
    public FieldMigrationBuilder<TDocument> Convert(
        string from,
        Expression<Func<TDocument, object?>> to,
        Func<BsonValue, BsonValue> forward,
        Func<BsonValue, BsonValue>? backward = null,
        BsonValue? forwardExpression = null)
    {
        ForwardConversion = forward;
        BackwardConversion = backward;
        ForwardExpression = forwardExpression;
        return SetKind(FieldMigrationKind.Convert, from, to);
    }

    /// <summary>Computes <paramref name="to"/> from the value of <paramref name="from"/> with a batch resolver.</summary>
    /// <typeparam name="TResolver">The resolver, created from the service provider when a backfill needs it.</typeparam>
    /// <param name="from">The element whose value keys the look-up (e.g. <c>ownerId</c>); it is kept, not removed.</param>
    /// <param name="to">The member of the V2 class that holds the derived value.</param>
    /// <returns>This builder.</returns>
    public FieldMigrationBuilder<TDocument> Derive<TResolver>(string from, Expression<Func<TDocument, object?>> to)
        where TResolver : IDerivedValueResolver
    {
        ResolverType = typeof(TResolver);
        return SetKind(FieldMigrationKind.Derive, from, to);
    }

    /// <summary>Asks <c>up</c> to create an ascending index on the new field.</summary>
    /// <param name="indexName">The index name; by default <c>zdm_&lt;new path&gt;</c>.</param>
    /// <returns>This builder.</returns>
    public FieldMigrationBuilder<TDocument> WithIndexOnNewField(string? indexName = null)
    {
        WantsIndex = true;
        IndexName = indexName;
        return this;
    }

    private FieldMigrationBuilder<TDocument> SetKind(FieldMigrationKind kind, string from, LambdaExpression to)
    {
        Kind = kind;
        KindCount++;
        OldPath = from;
        NewField = to;
        return this;
    }
}
