using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>
/// The reference path: materialise the document, reshape it with <see cref="DocumentShapes"/>, run the class map.
/// Handles every case (dotted paths, any reader or writer); the fast path must give the same results.
/// </summary>
internal sealed partial class MigratingSerializer<TDocument>
{
    /// <summary>Reads a document (not null) positioned at <paramref name="context"/>'s reader the naive way.</summary>
    internal TDocument DeserializeNaive(BsonDeserializationContext context, BsonDeserializationArgs args)
    {
        BsonDocument document = BsonDocumentSerializer.Instance.Deserialize(context);
        IPhaseSource? phases = PhaseContext.Current;
        foreach (IFieldMigration migration in migrations.Current)
        {
            DocumentShapes.ToReadShape(document, migration, phases?.GetPhase(migration) ?? MigrationPhase.DualWrite);
        }

        using var reader = new BsonDocumentReader(document);
        return inner.Deserialize(BsonDeserializationContext.CreateRoot(reader), args);
    }

    /// <summary>Writes <paramref name="value"/> (not null) the naive way.</summary>
    internal void SerializeNaive(BsonSerializationContext context, BsonSerializationArgs args, TDocument value)
    {
        var document = new BsonDocument();
        using (var writer = new BsonDocumentWriter(document))
        {
            inner.Serialize(BsonSerializationContext.CreateRoot(writer), args, value);
        }

        IPhaseSource? phases = PhaseContext.Current;
        foreach (IFieldMigration migration in migrations.Current)
        {
            DocumentShapes.ToWriteShape(document, migration, phases?.GetPhase(migration) ?? MigrationPhase.DualWrite);
        }

        BsonDocumentSerializer.Instance.Serialize(context, document);
    }
}
