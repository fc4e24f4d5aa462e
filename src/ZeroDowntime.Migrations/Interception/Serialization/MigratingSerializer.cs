using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Bson.Serialization.Serializers;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>
/// The serializer of a migrating document type, composed around its class-map serializer: coalesces the old field
/// into the new one on reads and writes both on writes, according to each migration's phase (DESIGN §4).
/// </summary>
internal sealed class MigratingSerializer<TDocument> :
    SerializerBase<TDocument>, IBsonIdProvider, IBsonDocumentSerializer, IBsonPolymorphicSerializer, IHasDiscriminatorConvention
{
    private readonly TypeMigrations<TDocument> migrations;
    private readonly BsonClassMapSerializer<TDocument> inner;

    public MigratingSerializer(TypeMigrations<TDocument> migrations)
    {
        this.migrations = migrations;
        inner = new BsonClassMapSerializer<TDocument>(BsonClassMap.LookupClassMap(typeof(TDocument)));
    }

    public IDiscriminatorConvention DiscriminatorConvention => inner.DiscriminatorConvention;

    public bool IsDiscriminatorCompatibleWithObjectSerializer => inner.IsDiscriminatorCompatibleWithObjectSerializer;

    public override TDocument Deserialize(BsonDeserializationContext context, BsonDeserializationArgs args)
    {
        if (context.Reader.GetCurrentBsonType() == BsonType.Null)
        {
            context.Reader.ReadNull();
            return default!;
        }

        BsonDocument document = BsonDocumentSerializer.Instance.Deserialize(context);
        IPhaseSource? phases = PhaseContext.Current;
        foreach (IFieldMigration migration in migrations.Current)
        {
            DocumentShapes.ToReadShape(document, migration, phases?.GetPhase(migration) ?? MigrationPhase.DualWrite);
        }

        using var reader = new BsonDocumentReader(document);
        return inner.Deserialize(BsonDeserializationContext.CreateRoot(reader), args);
    }

    public override void Serialize(BsonSerializationContext context, BsonSerializationArgs args, TDocument value)
    {
        if (value is null)
        {
            context.Writer.WriteNull();
            return;
        }

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

    public bool GetDocumentId(object document, out object id, out Type idNominalType, out IIdGenerator idGenerator) =>
        inner.GetDocumentId(document, out id, out idNominalType, out idGenerator);

    public void SetDocumentId(object document, object id) => inner.SetDocumentId(document, id);

    public bool TryGetMemberSerializationInfo(string memberName, out BsonSerializationInfo serializationInfo) =>
        inner.TryGetMemberSerializationInfo(memberName, out serializationInfo);
}
