using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>Root deserialization contexts over the migration readers that keep the caller's context settings.</summary>
internal static class ReaderContexts
{
    // Kept out of the callers so the lambda's closure is only allocated on a cache miss, not on every document.
    public static BsonDeserializationContext Create(IBsonReader reader, BsonDeserializationContext original) =>
        BsonDeserializationContext.CreateRoot(reader, builder =>
        {
            builder.AllowDuplicateElementNames = original.AllowDuplicateElementNames;
            builder.DynamicArraySerializer = original.DynamicArraySerializer;
            builder.DynamicDocumentSerializer = original.DynamicDocumentSerializer;
        });
}
