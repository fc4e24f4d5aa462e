using MongoDB.Bson.IO;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>A bookmark of <see cref="MigratingBsonReader"/>: the inner reader's bookmark plus the wrapper's own position.</summary>
internal sealed class MigratingReaderBookmark(
    BsonReaderBookmark inner,
    int depth,
    int elementIndex,
    int pendingName,
    BsonDocumentReader? converted,
    BsonReaderBookmark? convertedBookmark,
    int convertedDepth)
    : BsonReaderBookmark((convertedBookmark ?? inner).State, (convertedBookmark ?? inner).CurrentBsonType, (convertedBookmark ?? inner).CurrentName)
{
    public BsonReaderBookmark Inner { get; } = inner;

    public int Depth { get; } = depth;

    public int ElementIndex { get; } = elementIndex;

    public int PendingName { get; } = pendingName;

    /// <summary>The converted value's reader in use when the bookmark was taken (kept alive by the bookmark).</summary>
    public BsonDocumentReader? Converted { get; } = converted;

    public BsonReaderBookmark? ConvertedBookmark { get; } = convertedBookmark;

    public int ConvertedDepth { get; } = convertedDepth;
}
