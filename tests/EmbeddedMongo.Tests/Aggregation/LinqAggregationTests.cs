using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using MongoDB.Driver.Linq;

namespace EmbeddedMongo.Tests.Aggregation;

public sealed class LinqAggregationTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private async Task<IMongoCollection<Person>> PeopleAsync()
    {
        IMongoCollection<Person> people = fixture.NewCollection<Person>();
        await people.InsertManyAsync(
        [
            new Person { Id = 1, Name = "Ann", Age = 34, City = "Oslo" },
            new Person { Id = 2, Name = "Bob", Age = 25, City = "Oslo" },
            new Person { Id = 3, Name = "Cat", Age = 41, City = "Bergen" },
            new Person { Id = 4, Name = "Dan", Age = 30, City = null },
        ]);
        return people;
    }

    [Fact]
    public async Task Queryable_WhereSelect_RunsEndToEnd()
    {
        IMongoCollection<Person> people = await PeopleAsync();

        var adults = await people.AsQueryable()
            .Where(p => p.Age > 30)
            .OrderBy(p => p.Name)
            .Select(p => new { p.Name, NextAge = p.Age + 1 })
            .ToListAsync();

        Assert.Equal([("Ann", 35), ("Cat", 42)], adults.Select(a => (a.Name, a.NextAge)));
    }

    [Fact]
    public async Task Queryable_OrderBySkipTake_PagesResults()
    {
        IMongoCollection<Person> people = await PeopleAsync();

        List<string> page = await people.AsQueryable().OrderByDescending(p => p.Age).Skip(1).Take(2).Select(p => p.Name).ToListAsync();

        Assert.Equal(["Ann", "Dan"], page);
    }

    [Fact]
    public async Task Queryable_GroupBy_CountsAndAverages()
    {
        IMongoCollection<Person> people = await PeopleAsync();

        var byCity = await people.AsQueryable()
            .GroupBy(p => p.City)
            .Select(g => new { City = g.Key, Count = g.Count(), MaxAge = g.Max(p => p.Age) })
            .OrderBy(g => g.City)
            .ToListAsync();

        Assert.Equal([(null, 1, 30), ("Bergen", 1, 41), ("Oslo", 2, 34)], byCity.Select(g => (g.City, g.Count, g.MaxAge)));
    }

    [Fact]
    public async Task Queryable_ConditionalProjection_TranslatesToCond()
    {
        IMongoCollection<Person> people = await PeopleAsync();

        List<string> labels = await people.AsQueryable()
            .OrderBy(p => p.Id)
            .Select(p => p.City == null ? "unknown" : p.City + "!")
            .ToListAsync();

        Assert.Equal(["Oslo!", "Oslo!", "Bergen!", "unknown"], labels);
    }

    public sealed class Person
    {
        [BsonId]
        public int Id { get; set; }

        public string Name { get; set; } = "";

        public int Age { get; set; }

        public string? City { get; set; }
    }
}
