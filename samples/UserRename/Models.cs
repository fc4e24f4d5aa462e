using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace UserRename;

/// <summary>The user as V1 code knows it. It ignores elements it does not know, so it can read documents V2 code dual-wrote.</summary>
[BsonIgnoreExtraElements]
public sealed class UserV1
{
    public ObjectId Id { get; set; }

    [BsonElement("fullName")]
    public string FullName { get; set; } = "";

    [BsonElement("email")]
    public string Email { get; set; } = "";
}

/// <summary>The user as V2 code knows it: only <see cref="DisplayName"/>; the library takes care of <c>fullName</c>.</summary>
public sealed class UserV2
{
    public ObjectId Id { get; set; }

    [BsonElement("displayName")]
    public string DisplayName { get; set; } = "";

    [BsonElement("email")]
    public string Email { get; set; } = "";
}
