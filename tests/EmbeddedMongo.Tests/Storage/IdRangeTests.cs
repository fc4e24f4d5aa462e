using MongoDB.Bson;
using MongoDB.Driver;

namespace EmbeddedMongo.Tests.Storage;

/// <summary>
/// Filters on <c>_id</c> across BSON types: the <c>_id</c> range narrows the scan, and the answers must still be exactly
/// MongoDB's (comparisons stay within a type bracket; numbers of every type compare by value). Needs the filter engine.
/// </summary>
public sealed class IdRangeTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private static readonly ObjectId SomeObjectId = ObjectId.Parse("650000000000000000000001");

    private static FilterDefinitionBuilder<BsonDocument> Filter => Builders<BsonDocument>.Filter;

    public static TheoryData<string, string[]> Filters => new()
    {
        { "{_id: 2}", ["2"] },
        { "{_id: 2.0}", ["2"] },
        { "{_id: {$eq: NumberLong(3)}}", [] },
        { "{_id: {$gt: 1}}", ["2", "2.5", "10"] },
        { "{_id: {$gte: 2, $lt: 10}}", ["2", "2.5"] },
        { "{_id: {$gt: 5, $lt: 3}}", [] },
        { "{_id: {$lt: 'b'}}", ["'a'"] },
        { "{_id: {$gte: 'a'}}", ["'a'", "'b'"] },
        { "{_id: {$in: [1, 'b', 99]}}", ["1", "'b'"] },
        { "{_id: {$in: [1, 1.0, NumberLong(1)]}}", ["1"] },
        { "{_id: {$ne: 1}}", ["2", "2.5", "10", "'a'", "'b'", "{k: 1}", "oid", "date"] },
        { "{$or: [{_id: 1}, {_id: 'a'}]}", ["1", "'a'"] },
        { "{$and: [{_id: {$gt: 1}}, {_id: {$lt: 10}}]}", ["2", "2.5"] },
        { "{_id: {$gt: 1}, tag: 'even'}", ["2", "10"] },
        { "{_id: {$gt: 1, $ne: 2}}", ["2.5", "10"] },
        { "{$and: [{_id: {$gt: 1}}, {_id: {$lt: 10}}, {tag: 'even'}]}", ["2"] },
        { "{$and: [{_id: {$gte: 2}, tag: 'even'}]}", ["2", "10"] },
        { "{_id: {$gt: 1}, $or: [{_id: {$lt: 3}}, {tag: 'even'}]}", ["2", "2.5", "10"] },
        { "{_id: {$gte: 2}, $and: [{_id: {$in: [1, 2, 'a']}}]}", ["2"] },
        { "{$and: [{$and: [{_id: {$lt: 'b'}}]}, {tag: 'other'}]}", ["'a'"] },
        { "{_id: {k: 1}}", ["{k: 1}"] },
        { "{_id: {$type: 'string'}}", ["'a'", "'b'"] },
        { "{_id: {$gt: ObjectId('000000000000000000000000')}}", ["oid"] },
        { "{_id: {$lte: ISODate('2030-01-01T00:00:00Z')}}", ["date"] },

        // $expr comparisons order values across type brackets.
        { "{$expr: {$gt: ['$_id', 2]}}", ["2.5", "10", "'a'", "'b'", "{k: 1}", "oid", "date"] },
        { "{$expr: {$gte: ['$_id', 2]}}", ["2", "2.5", "10", "'a'", "'b'", "{k: 1}", "oid", "date"] },
        { "{$expr: {$lt: [2, '$_id']}}", ["2.5", "10", "'a'", "'b'", "{k: 1}", "oid", "date"] },
        { "{$expr: {$lte: ['$_id', 'a']}}", ["1", "2", "2.5", "10", "'a'"] },
        { "{$expr: {$gt: ['$_id', null]}}", ["1", "2", "2.5", "10", "'a'", "'b'", "{k: 1}", "oid", "date"] },
        { "{$expr: {$and: [{$gte: ['$_id', 'b']}, {$lt: ['$_id', {$literal: ObjectId('650000000000000000000001')}]}]}}", ["'b'", "{k: 1}"] },
        { "{$expr: {$and: [{$gt: ['$_id', 10]}, {$lt: ['$_id', 2]}]}}", [] },
        { "{_id: {$lt: 10}, $expr: {$gt: ['$_id', 1]}}", ["2", "2.5"] },
        { "{$and: [{$expr: {$gt: ['$_id', 'a']}}, {tag: 'other'}]}", ["'b'", "{k: 1}", "oid", "date"] },
        { "{$expr: {$gt: ['$_id', '$label']}}", ["'a'", "'b'", "{k: 1}", "oid", "date"] },
        { "{$expr: {$or: [{$lt: ['$_id', 2]}, {$gt: ['$_id', 'a']}]}}", ["1", "'b'", "{k: 1}", "oid", "date"] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Find_FilterOnId_ReturnsExactlyTheMatches(string filter, string[] expected)
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync();

        List<BsonDocument> found = await collection.Find(BsonDocument.Parse(filter)).ToListAsync();

        Assert.Equal(expected.Order(), found.Select(d => d["label"].AsString).Order());
    }

    [Fact]
    public async Task Find_IdRangeSortedDescending_ReturnsTheRangeInReverse()
    {
        IMongoCollection<BsonDocument> collection = await SeedAsync();

        List<BsonDocument> found = await collection.Find(Filter.Gte("_id", 1) & Filter.Lte("_id", 10))
            .Sort(Builders<BsonDocument>.Sort.Descending("_id")).ToListAsync();

        Assert.Equal(["10", "2.5", "2", "1"], found.Select(d => d["label"].AsString));
    }

    [Fact]
    public async Task Find_IdRangeWithLimit_StopsAtTheLimitInIdOrder()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>("idr");
        await collection.InsertManyAsync(Enumerable.Range(0, 1_000).Select(i => new BsonDocument("_id", i)));

        List<BsonDocument> found = await collection.Find(Filter.Gt("_id", 500)).Sort(Builders<BsonDocument>.Sort.Ascending("_id")).Limit(3).ToListAsync();

        Assert.Equal([501, 502, 503], found.Select(d => d["_id"].AsInt32));
    }

    private async Task<IMongoCollection<BsonDocument>> SeedAsync()
    {
        IMongoCollection<BsonDocument> collection = fixture.NewCollection<BsonDocument>("idr");
        (BsonValue Id, string Label)[] rows =
        [
            (1, "1"), (2.0, "2"), (2.5, "2.5"), (10L, "10"), ("a", "'a'"), ("b", "'b'"),
            (new BsonDocument("k", 1), "{k: 1}"), (SomeObjectId, "oid"), (new BsonDateTime(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)), "date"),
        ];
        await collection.InsertManyAsync(rows.Select(r => new BsonDocument
        {
            { "_id", r.Id }, { "label", r.Label }, { "tag", r.Id.IsNumeric && r.Id.ToDouble() % 2 == 0 ? "even" : "other" },
        }));
        return collection;
    }
}
