using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Conventions;
using MongoDB.Bson.Serialization.Serializers;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>
/// The serializer of a migrating document type, composed around its class-map serializer: coalesces the old field
/// into the new one on reads and writes both on writes, according to each migration's phase (DESIGN §4).
/// Top-level fields are migrated on the fly (MigratingSerializer.Fast.cs, MigratingSerializer.FastWrite.cs); dotted
/// paths and readers other than the binary one go through a <see cref="BsonDocument"/> reshaped by
/// <see cref="DocumentShapes"/> (MigratingSerializer.Naive.cs, the reference both paths are tested against).
/// </summary>
internal sealed partial class MigratingSerializer<TDocument> :
    SerializerBase<TDocument>, IBsonIdProvider, IBsonDocumentSerializer, IBsonPolymorphicSerializer, IHasDiscriminatorConvention
{
    private readonly TypeMigrations<TDocument> migrations;
    private readonly BsonClassMap classMap;
    private readonly BsonClassMapSerializer<TDocument> inner;
    private volatile MigrationPlan? plan;

    public MigratingSerializer(TypeMigrations<TDocument> migrations)
    {
        this.migrations = migrations;
        classMap = BsonClassMap.LookupClassMap(typeof(TDocument));
        inner = new BsonClassMapSerializer<TDocument>(classMap);
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

        return TryDeserializeFast(context, args, out TDocument document) ? document : DeserializeNaive(context, args);
    }

    public override void Serialize(BsonSerializationContext context, BsonSerializationArgs args, TDocument value)
    {
        if (value is null)
        {
            context.Writer.WriteNull();
            return;
        }

        if (!TrySerializeFast(context, args, value))
        {
            SerializeNaive(context, args, value);
        }
    }

    public bool GetDocumentId(object document, out object id, out Type idNominalType, out IIdGenerator idGenerator) =>
        inner.GetDocumentId(document, out id, out idNominalType, out idGenerator);

    public void SetDocumentId(object document, object id) => inner.SetDocumentId(document, id);

    public bool TryGetMemberSerializationInfo(string memberName, out BsonSerializationInfo serializationInfo) =>
        inner.TryGetMemberSerializationInfo(memberName, out serializationInfo);

    /// <summary>The plan for the current migration list, compiled again when the list has changed.</summary>
    private MigrationPlan CurrentPlan()
    {
        IReadOnlyList<IFieldMigration> current = migrations.Current;
        MigrationPlan? compiled = plan;
        if (compiled is null || !ReferenceEquals(compiled.Source, current))
        {
            compiled = new MigrationPlan(current, classMap);
            plan = compiled;
        }

        return compiled;
    }
}
