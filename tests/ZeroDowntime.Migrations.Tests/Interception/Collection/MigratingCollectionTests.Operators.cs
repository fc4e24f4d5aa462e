using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Tests.Interception.Collection;

/// <summary>Every update operator on a renamed field, mirrored onto the old field, on V1 documents and dual-written ones.</summary>
public sealed partial class MigratingCollectionTests
{
    public static TheoryData<string, string, BsonValue, BsonValue> NumberOperators => new()
    {
        { "V1", "{$inc: {points: 5}}", 10, 15 },
        { "V2", "{$inc: {points: 5}}", 10, 15 },
        { "V1", "{$mul: {points: 3}}", 10, 30 },
        { "V2", "{$mul: {points: 3}}", 10, 30 },
        { "V1", "{$min: {points: 4}}", 10, 4 },
        { "V2", "{$min: {points: 40}}", 10, 10 },
        { "V1", "{$max: {points: 40}}", 10, 40 },
        { "V2", "{$max: {points: 4}}", 10, 10 },
        { "V1", "{$set: {points: 8}}", 10, 8 },
    };

    public static TheoryData<string, string, string[]> ArrayOperators => new()
    {
        { "V1", "{$push: {tags: 'c'}}", ["a", "b", "c"] },
        { "V2", "{$push: {tags: {$each: ['c', 'd'], $slice: -3}}}", ["b", "c", "d"] },
        { "V1", "{$addToSet: {tags: 'a'}}", ["a", "b"] },
        { "V2", "{$addToSet: {tags: {$each: ['b', 'z']}}}", ["a", "b", "z"] },
        { "V1", "{$pull: {tags: 'a'}}", ["b"] },
        { "V2", "{$pull: {tags: {$in: ['a', 'b']}}}", [] },
    };

    [Theory]
    [MemberData(nameof(NumberOperators))]
    public async Task UpdateOne_NumberOperatorOnNewField_MirrorsOntoOldField(string shape, string update, BsonValue start, BsonValue expected)
    {
        ObjectId id = shape == "V1" ? await InsertV1Async("Ada", score: start.AsInt32) : await InsertDualWrittenAsync(points: start.AsInt32);

        await users.UpdateOneAsync(u => u.DisplayName == "Ada", BsonDocument.Parse(update));

        BsonDocument stored = await RawAsync(id);
        Assert.Equal(expected, stored["points"]);
        Assert.Equal(expected, stored["score"]);
        Assert.Equal(expected.AsInt32, (await users.Find(u => u.Id == id).SingleAsync()).Points);
    }

    [Theory]
    [MemberData(nameof(ArrayOperators))]
    public async Task UpdateMany_ArrayOperatorOnNewField_MirrorsOntoOldField(string shape, string update, string[] expected)
    {
        ObjectId id = shape == "V1" ? await InsertV1Async("Ada", labels: ["a", "b"]) : await InsertDualWrittenAsync(tags: ["a", "b"]);

        await users.UpdateManyAsync(u => u.DisplayName == "Ada", BsonDocument.Parse(update));

        BsonDocument stored = await RawAsync(id);
        Assert.Equal(new BsonArray(expected), stored["tags"]);
        Assert.Equal(new BsonArray(expected), stored["labels"]);
    }

    [Theory]
    [InlineData("V1")]
    [InlineData("V2")]
    public async Task UpdateOne_UnsetNewField_RemovesBothFields(string shape)
    {
        ObjectId id = shape == "V1" ? await InsertV1Async("Ada") : await InsertDualWrittenAsync();

        await users.UpdateOneAsync(u => u.Id == id, Builders<User>.Update.Unset(u => u.DisplayName));

        BsonDocument stored = await RawAsync(id);
        Assert.False(stored.Contains("displayName"));
        Assert.False(stored.Contains("fullName"));
        Assert.Null((await users.Find(u => u.Id == id).SingleAsync()).DisplayName);
        Assert.Equal(0, await users.CountDocumentsAsync(u => u.DisplayName == "Ada"));
    }

    [Theory]
    [InlineData("V1")]
    [InlineData("V2")]
    public async Task UpdateOne_RenameNewFieldAway_LeavesNoValueUnderEitherName(string shape)
    {
        ObjectId id = shape == "V1" ? await InsertV1Async("Ada") : await InsertDualWrittenAsync();

        await users.UpdateOneAsync(u => u.Id == id, BsonDocument.Parse("{$rename: {displayName: 'nickname'}}"));

        BsonDocument stored = await RawAsync(id);
        Assert.Equal("Ada", stored["nickname"]);
        Assert.False(stored.Contains("displayName"));
        Assert.False(stored.Contains("fullName"));
    }

    [Theory]
    [InlineData("V1")]
    [InlineData("V2")]
    public async Task UpdateOne_CurrentDateOnNewField_SetsTheCurrentDateOnBothFields(string shape)
    {
        ObjectId id = shape == "V1" ? await InsertV1Async("Ada") : await InsertDualWrittenAsync();

        await users.UpdateOneAsync(u => u.Id == id, BsonDocument.Parse("{$currentDate: {displayName: true}}"));

        // A real server reads the clock once per field, so the two dates may differ by a moment.
        BsonDocument stored = await RawAsync(id);
        DateTime now = DateTime.UtcNow;
        Assert.InRange(stored["displayName"].ToUniversalTime(), now.AddMinutes(-1), now.AddMinutes(1));
        Assert.InRange(stored["fullName"].ToUniversalTime() - stored["displayName"].ToUniversalTime(), TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task UpdateOne_PipelineSetOfNewField_WritesBothFields()
    {
        ObjectId id = await InsertV1Async("Ada");

        await users.UpdateOneAsync(u => u.Id == id, Builders<User>.Update.Pipeline(
            new EmptyPipelineDefinition<User>().AppendStage<User, User, User>("{$set: {displayName: 'Grace'}}")));

        BsonDocument stored = await RawAsync(id);
        Assert.Equal("Grace", stored["displayName"]);
        Assert.Equal("Grace", stored["fullName"]);
    }

    /// <summary>A document written by V2 code in DualWrite: both names hold the values.</summary>
    private async Task<ObjectId> InsertDualWrittenAsync(int points = 0, string[]? tags = null)
    {
        var user = new User { DisplayName = "Ada", Points = points, Tags = tags is null ? null : [.. tags] };
        await users.InsertOneAsync(user);
        return user.Id;
    }
}
