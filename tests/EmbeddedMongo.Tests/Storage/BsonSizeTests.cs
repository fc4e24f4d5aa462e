using EmbeddedMongo.Storage;
using MongoDB.Bson;

namespace EmbeddedMongo.Tests.Storage;

public sealed class BsonSizeTests
{
    public static TheoryData<string> Documents => new()
    {
        "{}",
        "{_id: 1, name: 'user-1', n: NumberLong(5), d: 1.5, ok: true, none: null}",
        "{naïve: 'héllo wörld', emoji: '\\uD83D\\uDE00', 日本: '語'}",
        "{a: {b: {c: [1, 'two', {three: 3}, [4, [5]]]}}}",
        "{oid: ObjectId('650000000000000000000001'), at: ISODate('2024-01-01T00:00:00Z'), ts: Timestamp(5, 7), dec: NumberDecimal('1.25')}",
        "{re: /ab+c/i, bin: BinData(0, 'AQID'), uuid: UUID('6f1c2a3b-0000-4000-8000-000000000001'), min: MinKey, max: MaxKey, u: undefined}",
        "{js: {$code: 'function() { return 1; }'}, jsScope: {$code: 'x', $scope: {x: 1}}, sym: {$symbol: 's'}}",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Of_AnyDocument_EqualsItsEncodedLength(string json)
    {
        BsonDocument document = BsonDocument.Parse(json);

        Assert.Equal(document.ToBson().Length, BsonSize.Of(document));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(101)]
    [InlineData(1_234)]
    public void Of_ArrayLongerThanOneDigitOfIndexes_CountsEachIndexName(int count)
    {
        var document = new BsonDocument("a", new BsonArray(Enumerable.Range(0, count)));

        Assert.Equal(document.ToBson().Length, BsonSize.Of(document));
    }
}
