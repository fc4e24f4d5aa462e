using MongoDB.Bson.IO;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>Bookmarks (used by discriminator look-ups) carry the wrapper's state with the inner reader's.</summary>
internal sealed partial class MigratingBsonReader
{
    public BsonReaderBookmark GetBookmark() =>
        new MigratingReaderBookmark(inner.GetBookmark(), depth, elementIndex, pendingName, converted, converted?.GetBookmark(), convertedDepth);

    public void ReturnToBookmark(BsonReaderBookmark bookmark)
    {
        if (bookmark is not MigratingReaderBookmark own)
        {
            throw new ArgumentException($"The bookmark was not created by this reader (it is a {bookmark?.GetType().Name ?? "null"}).", nameof(bookmark));
        }

        inner.ReturnToBookmark(own.Inner);
        depth = own.Depth;
        elementIndex = own.ElementIndex;
        pendingName = own.PendingName;
        converted = own.Converted;
        convertedDepth = own.ConvertedDepth;
        if (converted is not null)
        {
            converted.ReturnToBookmark(own.ConvertedBookmark!);
        }
    }
}
