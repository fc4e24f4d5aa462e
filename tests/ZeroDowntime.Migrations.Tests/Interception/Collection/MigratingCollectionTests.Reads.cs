using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Linq;

namespace ZeroDowntime.Migrations.Tests.Interception.Collection;

/// <summary>Reads in DualWrite over V1 documents: every read path sees the new field filled.</summary>
public sealed partial class MigratingCollectionTests
{
    [Fact]
    public async Task Find_V1DocumentByNewField_ReturnsItWithNewFieldFilled()
    {
        await InsertV1Async("Ada", score: 7, labels: ["a", "b"]);
        await InsertV1Async("Bob");

        List<User> found = await users.Find(u => u.DisplayName == "Ada").ToListAsync();

        User ada = Assert.Single(found);
        Assert.Equal("Ada", ada.DisplayName);
        Assert.Equal(7, ada.Points);
        Assert.Equal(["a", "b"], ada.Tags);
    }

    [Fact]
    public async Task Find_FilterOnNewFieldOverMixedDocuments_MatchesBothShapes()
    {
        await InsertV1Async("Ada");
        await users.InsertOneAsync(new User { DisplayName = "Ada" });
        await InsertV2OnlyAsync("Ada");
        await InsertV1Async("Bob");

        List<User> found = users.FindSync(Builders<User>.Filter.Eq(u => u.DisplayName, "Ada")).ToList();

        Assert.Equal(3, found.Count);
        Assert.All(found, u => Assert.Equal("Ada", u.DisplayName));
    }

    [Fact]
    public async Task Find_NullEqualityOnNewField_MatchesOnlyDocumentsWithoutAnyValue()
    {
        await InsertV1Async("Ada");
        ObjectId neither = ObjectId.GenerateNewId();
        await raw.InsertOneAsync(new BsonDocument { { "_id", neither }, { "age", 1 } });

        List<User> found = await users.Find(u => u.DisplayName == null).ToListAsync();

        Assert.Equal(neither, Assert.Single(found).Id);
    }

    [Fact]
    public async Task Find_ProjectionToNewFieldValue_ReturnsCoalescedValues()
    {
        await InsertV1Async("Ada", age: 1);
        await users.InsertOneAsync(new User { DisplayName = "Bob", Age = 2 });

        List<string?> names = await users.Find(FilterDefinition<User>.Empty).SortBy(u => u.Age).Project(u => u.DisplayName).ToListAsync();

        Assert.Equal(["Ada", "Bob"], names);
    }

    [Fact]
    public async Task Find_IncludeProjectionIntoDocumentClass_FillsNewField()
    {
        await InsertV1Async("Ada", score: 4);

        User user = await users.Find(FilterDefinition<User>.Empty)
            .Project<User>(Builders<User>.Projection.Include(u => u.DisplayName)).SingleAsync();

        Assert.Equal("Ada", user.DisplayName);
        Assert.Equal(0, user.Points);
    }

    [Fact]
    public async Task Find_IncludeProjectionIntoBsonDocument_ReturnsNewFieldValue()
    {
        await InsertV1Async("Ada");

        BsonDocument document = await users.Find(FilterDefinition<User>.Empty)
            .Project(Builders<User>.Projection.Include(u => u.DisplayName).Exclude(u => u.Id)).SingleAsync();

        Assert.Equal(new BsonDocument("displayName", "Ada"), document);
    }

    [Fact]
    public async Task Find_SortOnNewFieldOverMixedDocuments_OrdersByCoalescedValue()
    {
        await InsertV1Async("Dan");
        await users.InsertOneAsync(new User { DisplayName = "Bob" });
        await InsertV2OnlyAsync("Cid");
        await InsertV1Async("Ada");
        await InsertV1Async("Eve");

        List<User> page = await users.Find(FilterDefinition<User>.Empty).SortBy(u => u.DisplayName).Skip(1).Limit(3).ToListAsync();

        Assert.Equal(["Bob", "Cid", "Dan"], page.Select(u => u.DisplayName));
    }

    [Fact]
    public async Task Find_SortDescendingOnNewFieldWithSmallBatches_ReturnsAllInOrder()
    {
        foreach (string name in new[] { "b", "d", "a", "c" })
        {
            await InsertV1Async(name);
        }

        using IAsyncCursor<User> cursor = await users.FindAsync(FilterDefinition<User>.Empty,
            new FindOptions<User> { Sort = Builders<User>.Sort.Descending(u => u.DisplayName), BatchSize = 1 });
        List<User> all = await cursor.ToListAsync();

        Assert.Equal(["d", "c", "b", "a"], all.Select(u => u.DisplayName));
    }

    [Fact]
    public async Task Find_CursorIteratedUnderAnotherPhaseScope_StillCoalescesWithItsCollectionsPhases()
    {
        await InsertV1Async("Ada");
        await InsertV1Async("Bob");
        using IAsyncCursor<User> cursor = await users.FindAsync(FilterDefinition<User>.Empty, new FindOptions<User> { BatchSize = 1 });

        var names = new List<string?>();
        using (ZeroDowntime.Migrations.Phases.PhaseContext.Enter(new TestPhaseSource(MigrationPhase.SwitchRead)))
        {
            while (await cursor.MoveNextAsync())
            {
                names.AddRange(cursor.Current.Select(u => u.DisplayName));
            }
        }

        Assert.Equal(["Ada", "Bob"], names.Order());
    }

    [Fact]
    public async Task CountDocuments_FilterOnNewField_CountsV1Documents()
    {
        await InsertV1Async("Ada");
        await InsertV1Async("Ada");
        await users.InsertOneAsync(new User { DisplayName = "Ada" });
        await InsertV1Async("Bob");

        Assert.Equal(3, await users.CountDocumentsAsync(u => u.DisplayName == "Ada"));
        Assert.Equal(1, users.CountDocuments(u => u.DisplayName == "Bob"));
    }

    [Fact]
    public async Task EstimatedDocumentCount_MixedDocuments_CountsAll()
    {
        await InsertV1Async("Ada");
        await users.InsertOneAsync(new User { DisplayName = "Bob" });

        Assert.Equal(2, await users.EstimatedDocumentCountAsync());
    }

    [Fact]
    public async Task Aggregate_MatchOnNewField_SeesV1Documents()
    {
        await InsertV1Async("Ada", age: 3);
        await InsertV1Async("Bob", age: 4);

        List<User> found = await users.Aggregate().Match(u => u.DisplayName == "Ada").ToListAsync();

        User ada = Assert.Single(found);
        Assert.Equal("Ada", ada.DisplayName);
        Assert.Equal(3, ada.Age);
    }

    [Fact]
    public async Task Aggregate_GroupByNewField_GroupsBothShapesTogether()
    {
        await InsertV1Async("Ada", score: 1);
        await users.InsertOneAsync(new User { DisplayName = "Ada", Points = 2 });
        await InsertV1Async("Bob", score: 5);

        var totals = await users.Aggregate()
            .Group(u => u.DisplayName, g => new { Name = g.Key, Total = g.Sum(u => u.Points) })
            .SortBy(g => g.Name)
            .ToListAsync();

        Assert.Equal([("Ada", 3), ("Bob", 5)], totals.Select(t => (t.Name, t.Total)));
    }

    [Fact]
    public async Task AsQueryable_WhereOnNewField_ReturnsV1Documents()
    {
        await InsertV1Async("x", age: 9);
        await InsertV1Async("y");

        List<User> found = await users.AsQueryable().Where(u => u.DisplayName == "x").ToListAsync();

        User x = Assert.Single(found);
        Assert.Equal("x", x.DisplayName);
        Assert.Equal(9, x.Age);
    }

    [Fact]
    public async Task AsQueryable_OrderBySelectNewField_ReturnsCoalescedValuesInOrder()
    {
        await InsertV1Async("c");
        await users.InsertOneAsync(new User { DisplayName = "a" });
        await InsertV1Async("b");

        List<string?> names = await users.AsQueryable().OrderBy(u => u.DisplayName).Select(u => u.DisplayName).ToListAsync();

        Assert.Equal(["a", "b", "c"], names);
    }

    [Fact]
    public async Task Distinct_NewField_ReturnsValuesOfBothShapesOnce()
    {
        await InsertV1Async("Ada");
        await users.InsertOneAsync(new User { DisplayName = "Ada" });
        await InsertV1Async("Bob");
        await InsertV2OnlyAsync("Cid");

        List<string?> names = await (await users.DistinctAsync(u => u.DisplayName, FilterDefinition<User>.Empty)).ToListAsync();

        Assert.Equal(["Ada", "Bob", "Cid"], names.Order());
    }

    [Fact]
    public async Task Distinct_NewArrayField_FlattensV1Arrays()
    {
        await InsertV1Async("Ada", labels: ["a", "b"]);
        await users.InsertOneAsync(new User { DisplayName = "Bob", Tags = ["b", "c"] });
        await InsertV1Async("Cid");

        List<string> tags = users.Distinct<string>("tags", Builders<User>.Filter.Ne(u => u.DisplayName, "Zed")).ToList();

        Assert.Equal(["a", "b", "c"], tags.Order());
    }

    [Fact]
    public async Task DistinctMany_NewArrayField_FlattensV1Arrays()
    {
        await InsertV1Async("Ada", labels: ["x", "y"]);
        await InsertV1Async("Bob", labels: ["y"]);

        List<string> tags = users.DistinctMany(u => u.Tags!, FilterDefinition<User>.Empty).ToList();

        Assert.Equal(["x", "y"], tags.Order());
    }

    [Fact]
    public async Task Distinct_OtherFieldWithFilterOnNewField_FiltersV1Documents()
    {
        await InsertV1Async("Ada", age: 30);
        await InsertV1Async("Ada", age: 31);
        await InsertV1Async("Bob", age: 40);

        List<int> ages = await (await users.DistinctAsync(u => u.Age, u => u.DisplayName == "Ada")).ToListAsync();

        Assert.Equal([30, 31], ages.Order());
    }
}
