using System.Globalization;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Interception.Collection;
using ZeroDowntime.Migrations.Interception.Serialization;

namespace ZeroDowntime.Migrations.Tests.Interception.Collection;

/// <summary>
/// <see cref="MigratingCollection{TDocument}"/> with convert migrations: one the server can compute
/// (<c>amount</c> dollars → <c>amountCents</c>, with a forward expression) and one it cannot (<c>code</c> number →
/// <c>sku</c> string, client-side conversions only), so reads that need <c>value(d)</c> on the server are refused for it.
/// </summary>
public sealed class MigratingCollectionConvertTests : IClassFixture<MongoDatabaseFixture>
{
    private const string CentsId = "collection-convert-cents";
    private const string SkuId = "collection-convert-sku";
    private static readonly IFieldMigration[] Migrations;

    private readonly IMongoCollection<BsonDocument> raw;
    private readonly IMongoCollection<Order> orders;

    static MigratingCollectionConvertTests()
    {
        var cents = FieldMigrationDescriptor<Order>.Create(new FieldMigrationBuilder<Order>(CentsId).InCollection("orders").Convert(
            "amount", o => o.AmountCents, v => v.AsInt32 * 100, v => v.AsInt32 / 100, BsonDocument.Parse("{$multiply: ['$$old', 100]}")));
        var sku = FieldMigrationDescriptor<Order>.Create(new FieldMigrationBuilder<Order>(SkuId).InCollection("orders").Convert(
            "code", o => o.Sku, v => v.AsInt32.ToString(CultureInfo.InvariantCulture), v => int.Parse(v.AsString, CultureInfo.InvariantCulture)));
        TypeMigrations.Register(cents);
        TypeMigrations.Register(sku);
        Migrations = [cents, sku];
    }

    public MigratingCollectionConvertTests(MongoDatabaseFixture fixture)
    {
        string name = "orders_" + Guid.NewGuid().ToString("N")[..8];
        raw = fixture.Database.GetCollection<BsonDocument>(name);
        orders = new MigratingCollection<Order>(fixture.Database.GetCollection<Order>(name), Migrations, new TestPhaseSource(MigrationPhase.Backfill));
    }

    [BsonIgnoreExtraElements]
    public sealed class Order
    {
        public ObjectId Id { get; set; }

        [BsonElement("amountCents")]
        public int AmountCents { get; set; }

        [BsonElement("sku")]
        public string? Sku { get; set; }
    }

    [Fact]
    public async Task Find_RangeOnConvertedField_MatchesV1DocumentsByConvertedValue()
    {
        await InsertV1Async(amount: 5, code: 1);
        await InsertV1Async(amount: 20, code: 2);
        await orders.InsertOneAsync(new Order { AmountCents = 1000, Sku = "3" });

        List<Order> found = await orders.Find(o => o.AmountCents >= 1000).ToListAsync();

        Assert.Equal([1000, 2000], found.Select(o => o.AmountCents).Order());
    }

    [Fact]
    public async Task Find_SortOnConvertedFieldWhileAnotherMigrationCannotConvertOnServer_OrdersByConvertedValue()
    {
        await InsertV1Async(amount: 7, code: 1);
        await orders.InsertOneAsync(new Order { AmountCents = 650, Sku = "2" });
        await InsertV1Async(amount: 3, code: 3);

        List<Order> sorted = await orders.Find(FilterDefinition<Order>.Empty).SortByDescending(o => o.AmountCents).ToListAsync();

        Assert.Equal([700, 650, 300], sorted.Select(o => o.AmountCents));
        Assert.Equal(["1", "2", "3"], sorted.Select(o => o.Sku));
    }

    [Fact]
    public async Task Find_EqualityOnFieldWithoutServerConversion_MatchesThroughBackward()
    {
        await InsertV1Async(amount: 1, code: 42);
        await InsertV1Async(amount: 1, code: 43);

        Order found = await orders.Find(o => o.Sku == "42").SingleAsync();

        Assert.Equal("42", found.Sku);
        Assert.Equal(100, found.AmountCents);
    }

    [Fact]
    public async Task Aggregate_SumOfConvertedField_IncludesV1Documents()
    {
        await InsertV1Async(amount: 2, code: 1);
        await orders.InsertOneAsync(new Order { AmountCents = 150, Sku = "1" });

        var total = await orders.Aggregate().Group(o => 1, g => new { Total = g.Sum(o => o.AmountCents) }).SingleAsync();

        Assert.Equal(350, total.Total);
    }

    [Fact]
    public async Task UpdateOne_SetConvertedField_WritesBackwardConversion()
    {
        ObjectId id = await InsertV1Async(amount: 2, code: 9);

        await orders.UpdateOneAsync(o => o.Sku == "9", Builders<Order>.Update.Set(o => o.AmountCents, 700).Set(o => o.Sku, "10"));

        BsonDocument stored = await raw.Find(new BsonDocument("_id", id)).SingleAsync();
        Assert.Equal((7, 700), (stored["amount"].AsInt32, stored["amountCents"].AsInt32));
        Assert.Equal((10, "10"), (stored["code"].AsInt32, stored["sku"].AsString));
    }

    [Fact]
    public void Find_SortOnFieldWithoutServerConversion_IsRefused()
    {
        MigrationNotSupportedException e = Assert.Throws<MigrationNotSupportedException>(() => orders.Find(FilterDefinition<Order>.Empty).SortBy(o => o.Sku).ToList());

        Assert.Equal((SkuId, MigrationPhase.Backfill), (e.MigrationId, e.Phase));
        Assert.Equal("$sort", e.Operation);
    }

    [Fact]
    public void Aggregate_MatchOnFieldWithoutServerConversion_IsRefused()
    {
        MigrationNotSupportedException e = Assert.Throws<MigrationNotSupportedException>(() => orders.Aggregate().Match(o => o.Sku == "1").ToList());

        Assert.Equal((SkuId, MigrationPhase.Backfill), (e.MigrationId, e.Phase));
    }

    [Fact]
    public async Task Distinct_FieldWithoutServerConversion_IsRefused()
    {
        await InsertV1Async(amount: 1, code: 1);

        MigrationNotSupportedException e = await Assert.ThrowsAsync<MigrationNotSupportedException>(() => orders.DistinctAsync(o => o.Sku, FilterDefinition<Order>.Empty));

        Assert.Equal((SkuId, MigrationPhase.Backfill), (e.MigrationId, e.Phase));
    }

    [Fact]
    public async Task Distinct_ConvertedField_ReturnsConvertedValues()
    {
        await InsertV1Async(amount: 4, code: 1);
        await orders.InsertOneAsync(new Order { AmountCents = 400, Sku = "2" });
        await InsertV1Async(amount: 5, code: 3);

        List<int> amounts = await (await orders.DistinctAsync(o => o.AmountCents, FilterDefinition<Order>.Empty)).ToListAsync();

        Assert.Equal([400, 500], amounts.Order());
    }

    [Fact]
    public async Task UpdateOne_IncOnConvertedField_IsRefusedWithoutWriting()
    {
        ObjectId id = await InsertV1Async(amount: 2, code: 1);

        MigrationNotSupportedException e = await Assert.ThrowsAsync<MigrationNotSupportedException>(() =>
            orders.UpdateOneAsync(o => o.Id == id, Builders<Order>.Update.Inc(o => o.AmountCents, 5)));

        Assert.Equal((CentsId, MigrationPhase.Backfill, "$inc"), (e.MigrationId, e.Phase, e.Operation));
        Assert.Equal(2, (await raw.Find(new BsonDocument("_id", id)).SingleAsync())["amount"]);
    }

    private async Task<ObjectId> InsertV1Async(int amount, int code)
    {
        var id = ObjectId.GenerateNewId();
        await raw.InsertOneAsync(new BsonDocument { { "_id", id }, { "amount", amount }, { "code", code } });
        return id;
    }
}
